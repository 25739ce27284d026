package io.millrace.accounting.books;

import java.math.BigDecimal;
import java.time.Instant;

/** Lifecycle of a production order. */
public sealed interface OrderStatus {

    /** {@code RELEASED} or {@code CLOSED}, for storage. */
    String name();

    /** Released: consumption, confirmations, scrap and completions post against it. */
    record Released(Instant releasedAt) implements OrderStatus {
        @Override
        public String name() {
            return "RELEASED";
        }
    }

    /** Closed and settled: {@code variance} went to production variance (debit positive). */
    record Closed(Instant releasedAt, Instant closedAt, BigDecimal variance) implements OrderStatus {
        @Override
        public String name() {
            return "CLOSED";
        }
    }
}
