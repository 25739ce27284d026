package io.millrace.accounting.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, balanced journal entry. It cannot be constructed unbalanced or empty; a posted
 * entry is corrected only by its {@link #reversal reversal}.
 *
 * @param entryId       unique id, by convention {@code <trackingId>-<n>}
 * @param postingDate   the day it posts on; its month is {@code period}
 * @param late          the event's time fell in a closed period, so it posts on the first day
 *                      of the first open period
 * @param reversalOf    the entry this one reverses, or null
 * @param document      the document's own currency and amount when it was not in the company
 *                      currency, else null
 */
public record JournalEntry(String entryId, String plant, LocalDate postingDate, YearMonth period, boolean late,
                           SourceEvent source, String correlationId, String actor, String text,
                           List<JournalLine> lines, String reversalOf, DocumentAmount document) {
    public JournalEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(postingDate, "postingDate");
        Objects.requireNonNull(source, "source");
        period = period == null ? YearMonth.from(postingDate) : period;
        if (!period.equals(YearMonth.from(postingDate))) {
            throw new IllegalArgumentException("posting date " + postingDate + " is not in period " + period);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("journal entry " + entryId + " has no lines");
        }
        BigDecimal debit = totalDebit(lines);
        BigDecimal credit = totalCredit(lines);
        if (debit.compareTo(credit) != 0) {
            throw new UnbalancedEntryException(entryId, debit, credit);
        }
    }

    /** An entry in the company currency only. */
    public JournalEntry(String entryId, String plant, LocalDate postingDate, YearMonth period, boolean late,
                        SourceEvent source, String correlationId, String actor, String text,
                        List<JournalLine> lines, String reversalOf) {
        this(entryId, plant, postingDate, period, late, source, correlationId, actor, text, lines, reversalOf, null);
    }

    private static BigDecimal totalDebit(List<JournalLine> lines) {
        return lines.stream().map(JournalLine::debit).reduce(Amounts.ZERO, BigDecimal::add);
    }

    private static BigDecimal totalCredit(List<JournalLine> lines) {
        return lines.stream().map(JournalLine::credit).reduce(Amounts.ZERO, BigDecimal::add);
    }

    public BigDecimal totalDebit() {
        return totalDebit(lines);
    }

    public BigDecimal totalCredit() {
        return totalCredit(lines);
    }

    /** The mirror entry: every line on the other side, referring back to this entry. */
    public JournalEntry reversal(String newEntryId, LocalDate date, boolean lateReversal, SourceEvent cause,
                                 String reversingActor) {
        List<JournalLine> mirrored = lines.stream().map(JournalLine::mirrored).toList();
        return new JournalEntry(newEntryId, plant, date, YearMonth.from(date), lateReversal, cause, correlationId,
                reversingActor, "Reversal of " + entryId, mirrored, entryId,
                document == null ? null : document.negated());
    }

    /** Raised when someone tries to build an entry whose debits and credits differ. */
    public static final class UnbalancedEntryException extends IllegalArgumentException {
        public UnbalancedEntryException(String entryId, BigDecimal debit, BigDecimal credit) {
            super("journal entry " + entryId + " does not balance: debit " + debit + ", credit " + credit);
        }
    }
}
