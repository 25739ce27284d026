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

    /**
     * Closes the period when it is ready; a period that is not ready closes only with an override
     * reason, which is kept on the close. Refused: {@link PeriodNotReady}, nothing changed.
     */
    public PeriodCloseReport close(PeriodReadiness readiness, String actor, Instant at, String overrideReason) {
        boolean override = overrideReason != null && !overrideReason.isBlank();
        if (!readiness.ready() && !override) {
            throw new PeriodNotReady(readiness);
        }
        books.periods().close(new ClosedPeriod(readiness.period(), actor, at,
                readiness.ready() ? null : overrideReason));
        return report(readiness.period());
    }

    /** Opens a closed period again; events dated in it post in it from now on. */
    public void reopen(YearMonth period) {
        books.periods().reopen(period);
    }

    /** A close refused because the period is not ready and no override reason was given. */
    public static final class PeriodNotReady extends RuntimeException {
        private final transient PeriodReadiness readiness;

        public PeriodNotReady(PeriodReadiness readiness) {
            super("period " + readiness.period() + " is not ready to close: " + String.join("; ",
                    readiness.blockers()));
            this.readiness = readiness;
        }

        public PeriodReadiness readiness() {
            return readiness;
        }
    }

    public PeriodCloseReport report(YearMonth period) {
        List<JournalEntry> entries = books.journal().inPeriod(period);
        ClosedPeriod closed = books.periods().closed().stream().filter(p -> p.period().equals(period)).findFirst()
                .orElse(null);
        return new PeriodCloseReport(period, closed, TrialBalance.of(entries),
                entries.stream().filter(JournalEntry::late).toList());
    }
}
