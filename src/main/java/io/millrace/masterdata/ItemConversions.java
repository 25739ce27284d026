package io.millrace.masterdata;

import java.util.List;

/** The alternative units an item declares in master data ({@code items[].conversions}); replaces what was stored. */
record ItemConversions(String item, List<UnitConversion> conversions) {

    ItemConversions {
        conversions = List.copyOf(conversions);
    }
}
