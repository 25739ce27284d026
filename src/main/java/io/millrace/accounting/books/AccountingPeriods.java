package io.millrace.accounting.books;

import java.time.YearMonth;
import java.util.List;

/** Accounting periods are calendar months, open unless closed. */
public interface AccountingPeriods {

    boolean isClosed(YearMonth period);

    /** Closes a period; closing a closed period again changes nothing. */
    void close(ClosedPeriod period);

    /** Opens a closed period again; an open period stays open. */
    void reopen(YearMonth period);

    /** Closed periods, oldest first. */
    List<ClosedPeriod> closed();
}
