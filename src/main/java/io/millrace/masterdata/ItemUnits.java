package io.millrace.masterdata;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** The base unit of an item and the factors of its alternative units, for converting quantities at intake. */
public interface ItemUnits {

    /** An item's units: {@code factors} maps an alternative unit to how many base units one of it is. */
    record Units(String item, String baseUom, Map<String, BigDecimal> factors) {
        public Units {
            factors = Map.copyOf(factors);
        }
    }

    /** Empty when the item is not in master data. */
    Optional<Units> of(String item);
}
