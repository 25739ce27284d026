package io.millrace.simulator;

import java.math.BigDecimal;

/** Progress of a purchase or sales order line: received and invoiced, or shipped. */
final class LineProgress {

    final String order;
    final String partner;
    final int line;
    final String item;
    final BigDecimal ordered;
    final BigDecimal unitPrice;
    BigDecimal done = BigDecimal.ZERO;
    BigDecimal invoiced = BigDecimal.ZERO;

    LineProgress(String order, String partner, int line, String item, BigDecimal ordered, BigDecimal unitPrice) {
        this.order = order;
        this.partner = partner;
        this.line = line;
        this.item = item;
        this.ordered = ordered;
        this.unitPrice = unitPrice;
    }

    BigDecimal open() {
        return ordered.subtract(done).max(BigDecimal.ZERO);
    }

    BigDecimal uninvoiced() {
        return done.subtract(invoiced);
    }
}
