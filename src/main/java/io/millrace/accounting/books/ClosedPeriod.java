package io.millrace.accounting.books;

import java.time.Instant;
import java.time.YearMonth;

/** A calendar month closed for posting, by whom and when. */
public record ClosedPeriod(YearMonth period, String closedBy, Instant closedAt) {
}
