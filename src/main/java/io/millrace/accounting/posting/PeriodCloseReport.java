package io.millrace.accounting.posting;

import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.TrialBalance;
import java.time.YearMonth;
import java.util.List;

/**
 * The state of one accounting period: whether (and by whom) it is closed, its trial balance and
 * the late postings in it, i.e. entries of events whose time fell in an earlier, closed period.
 */
public record PeriodCloseReport(YearMonth period, ClosedPeriod closed, TrialBalance trialBalance,
                                List<JournalEntry> latePostings) {
    public PeriodCloseReport {
        latePostings = List.copyOf(latePostings);
    }

    public boolean isClosed() {
        return closed != null;
    }
}
