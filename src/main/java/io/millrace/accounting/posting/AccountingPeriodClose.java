package io.millrace.accounting.posting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.TrialBalance;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * Closes calendar months. After a close, an event whose time falls in the month posts on the first
 * day of the first open month after it and is marked late; the report of that later month lists it.
 */
public final class AccountingPeriodClose {

    private final Books books;

    public AccountingPeriodClose(Books books) {
        this.books = books;
    }

    /** Closes the period (again: no change) and answers its report. */
    public PeriodCloseReport close(YearMonth period, String actor, Instant at) {
        books.periods().close(new ClosedPeriod(period, actor, at));
        return report(period);
    }

    public PeriodCloseReport report(YearMonth period) {
        List<JournalEntry> entries = books.journal().inPeriod(period);
        ClosedPeriod closed = books.periods().closed().stream().filter(p -> p.period().equals(period)).findFirst()
                .orElse(null);
        return new PeriodCloseReport(period, closed, TrialBalance.of(entries),
                entries.stream().filter(JournalEntry::late).toList());
    }
}
