package io.millrace.ledger;

import io.millrace.accounting.books.JournalEntries;
import io.millrace.accounting.ledger.JournalEntry;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Journal entries of a unit of work: new entries are buffered and inserted at flush; reads see
 * the stored entries followed by the buffered ones. An entry id used twice in one unit is refused
 * at once, one already stored at flush (by the unique key).
 */
final class UnitJournal implements JournalEntries {

    private final Jdbc jdbc;
    private final Map<String, JournalEntry> pending = new LinkedHashMap<>();

    UnitJournal(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(JournalEntry entry) {
        if (pending.putIfAbsent(entry.entryId(), entry) != null) {
            throw new IllegalStateException("journal entry " + entry.entryId() + " exists already");
        }
    }

    @Override
    public Optional<JournalEntry> find(String entryId) {
        JournalEntry buffered = pending.get(entryId);
        if (buffered != null) {
            return Optional.of(buffered);
        }
        return stored("WHERE e.entry_id = ?", entryId).stream().findFirst();
    }

    @Override
    public List<JournalEntry> forEvent(String trackingId) {
        return withPending(stored("WHERE e.tracking_id = ?", trackingId),
                e -> e.source().trackingId().equals(trackingId));
    }

    @Override
    public List<JournalEntry> inPeriod(YearMonth period) {
        return withPending(stored("WHERE e.period = ?", period.toString()), e -> e.period().equals(period));
    }

    @Override
    public List<JournalEntry> all() {
        return withPending(stored("", null), e -> true);
    }

    private List<JournalEntry> stored(String where, String parameter) {
        return jdbc.extract(JournalRows.SELECT + where + JournalRows.ORDER, ps -> {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
        }, JournalRows::group).stream().map(JournalRows.Stored::entry).toList();
    }

    private List<JournalEntry> withPending(List<JournalEntry> stored, Predicate<JournalEntry> filter) {
        List<JournalEntry> entries = new ArrayList<>(stored);
        pending.values().stream().filter(filter).forEach(entries::add);
        return entries;
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<JournalEntry> entries = List.copyOf(pending.values());
        jdbc.batch(JournalRows.INSERT_ENTRY, entries, JournalRows::bindEntry);
        jdbc.batch(JournalRows.INSERT_LINE, JournalRows.lines(entries), JournalRows::bindLine);
        pending.clear();
    }

    boolean hasChanges() {
        return !pending.isEmpty();
    }
}
