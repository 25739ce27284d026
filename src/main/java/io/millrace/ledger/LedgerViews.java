package io.millrace.ledger;

import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.ledger.ChartOfAccounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.posting.PeriodCloseReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the ledger APIs (api.md); amounts carry 2 decimals. */
final class LedgerViews {

    private LedgerViews() {
    }

    record TrialBalanceView(String period, String plant, List<AccountView> accounts, BigDecimal totalDebit,
                            BigDecimal totalCredit) {
    }

    record AccountView(String account, String name, BigDecimal debit, BigDecimal credit, BigDecimal balance) {
    }

    /**
     * A page of the journal: {@code nextCursor} is passed as {@code cursor} to get the next page and
     * is null on the last one.
     */
    record JournalPage(List<EntryView> entries, int limit, String nextCursor) {
    }

    record EntryView(String entryId, String plant, LocalDate postingDate, String period, boolean late,
                     String trackingId, String source, String eventId, String eventType, String correlationId,
                     String actor, String text, String reversalOf, BigDecimal totalDebit, BigDecimal totalCredit,
                     List<LineView> lines, io.millrace.accounting.ledger.DocumentAmount document) {
        static EntryView of(JournalEntry e, ChartOfAccounts chart) {
            return new EntryView(e.entryId(), e.plant(), e.postingDate(), e.period().toString(), e.late(),
                    e.source().trackingId(), e.source().source(), e.source().eventId(), e.source().type(),
                    e.correlationId(), e.actor(), e.text(), e.reversalOf(), e.totalDebit(), e.totalCredit(),
                    e.lines().stream().map(l -> LineView.of(l, chart)).toList(), e.document());
        }
    }

    record LineView(String account, String name, BigDecimal debit, BigDecimal credit, Dimensions dimensions) {
        static LineView of(JournalLine line, ChartOfAccounts chart) {
            return new LineView(line.account(), chart.name(line.account()), line.debit(), line.credit(),
                    line.dimensions());
        }
    }

    record InventoryView(List<InventoryRow> rows) {
    }

    /** {@code value} is null only for an item the master data no longer knows. */
    record InventoryRow(String plant, String location, String item, String lot, String status, BigDecimal quantity,
                        BigDecimal value) {
    }

    /** Stock on its way between plants: shipped by {@code fromPlant}, not yet received by {@code toPlant}. */
    record InTransitView(List<InTransitRow> rows, BigDecimal totalValue) {
    }

    record InTransitRow(String transferId, String transferTrackingId, String fromPlant, String toPlant,
                        String toLocation, String item, String lot, BigDecimal quantity, BigDecimal value,
                        Instant shippedAt) {
    }

    record CloseReportView(String period, boolean closed, String closedBy, Instant closedAt, String overrideReason,
                           Map<String, BigDecimal> trialBalance, int latePostingCount, List<EntryView> latePostings) {
        static CloseReportView of(PeriodCloseReport report, ChartOfAccounts chart) {
            ClosedPeriod closed = report.closed();
            return new CloseReportView(report.period().toString(), report.isClosed(),
                    closed == null ? null : closed.closedBy(), closed == null ? null : closed.closedAt(),
                    closed == null ? null : closed.overrideReason(), report.trialBalance().balances(), report.latePostings().size(),
                    report.latePostings().stream().map(e -> EntryView.of(e, chart)).toList());
        }
    }
}
