package io.millrace.accounting.books;

import java.math.BigDecimal;

/** What has been shipped and billed on one sales order line. */
public record SalesOrderLineProgress(String salesOrder, int line, BigDecimal shipped, BigDecimal billed) {

    public SalesOrderLineProgress add(BigDecimal quantity, BigDecimal amount) {
        return new SalesOrderLineProgress(salesOrder, line, shipped.add(quantity), billed.add(amount));
    }
}
