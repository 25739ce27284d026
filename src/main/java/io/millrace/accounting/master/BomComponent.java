package io.millrace.accounting.master;

import java.math.BigDecimal;

public record BomComponent(String item, BigDecimal quantityPer) {
}
