package io.millrace.accounting.books;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A calendar month closed for posting, by whom and when; {@code overrideReason} is the reason
 * given when it was closed although not ready, else null.
 */
public record ClosedPeriod(YearMonth period, String closedBy, Instant closedAt, String overrideReason) {

    public ClosedPeriod(YearMonth period, String closedBy, Instant closedAt) {
        this(period, closedBy, closedAt, null);
    }
}
