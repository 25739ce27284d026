package io.millrace.accounting.master;

import java.math.BigDecimal;

public record PurchaseOrderLine(int line, String item, BigDecimal quantity, BigDecimal unitPrice) {
}
