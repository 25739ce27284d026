package io.millrace.masterdata;

import java.math.BigDecimal;

/** An alternative unit of an item: one {@code uom} is {@code factor} of the item's base unit. */
public record UnitConversion(String uom, BigDecimal factor) {
}
