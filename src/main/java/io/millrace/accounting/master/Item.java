package io.millrace.accounting.master;

import java.math.BigDecimal;

/** An item with its base unit of measure and standard cost per base unit. */
public record Item(String code, String description, ValuationClass valuationClass, String baseUom,
                   BigDecimal standardCost) {
}
