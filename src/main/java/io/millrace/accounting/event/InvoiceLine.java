package io.millrace.accounting.event;

import java.math.BigDecimal;

public record InvoiceLine(String purchaseOrder, int poLine, BigDecimal quantity, BigDecimal unitPrice) {
}
