package io.millrace.accounting.books;

import io.millrace.accounting.ledger.JournalEntry;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Posted journal entries: append-only. */
public interface JournalEntries {

    /** Appends a posted entry; entry ids are unique. */
    void add(JournalEntry entry);

    Optional<JournalEntry> find(String entryId);

    /** The entries of one accepted event, in posting order. */
    List<JournalEntry> forEvent(String trackingId);

    /** The entries posted in a period, in posting order (reports, period close). */
    List<JournalEntry> inPeriod(YearMonth period);

    /** Every entry in posting order: for reports and invariant checks, never the posting hot path. */
    List<JournalEntry> all();
}
