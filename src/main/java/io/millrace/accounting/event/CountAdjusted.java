package io.millrace.accounting.event;

import java.math.BigDecimal;

public record CountAdjusted(String countId, String item, String lot, String location, BigDecimal countedQuantity,
                            String uom) implements ManufacturingEvent {
    public static final String TYPE = "mfg.inventory.count.adjusted";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return ManufacturingEvent.lotKey(item, lot);
    }

    @Override
    public boolean closing() {
        return true;
    }
}
