package io.millrace.accounting.master;

import java.math.BigDecimal;

public record SalesOrderLine(int line, String item, BigDecimal quantity, BigDecimal unitPrice) {
}
