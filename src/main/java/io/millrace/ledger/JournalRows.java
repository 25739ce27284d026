package io.millrace.ledger;

import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.DocumentAmount;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Maps journal entries and their lines to and from rows. */
final class JournalRows {

    /** Entry columns and line columns, joined; order by entry_seq, line_no and group with {@link #group}. */
    static final String SELECT = "SELECT e.entry_seq, e.entry_id, e.plant AS entry_plant, e.posting_date, e.period, "
            + "e.late, e.tracking_id, e.source, e.source_event_id, e.event_type, e.correlation_id, e.actor, "
            + "e.entry_text, e.reversal_of, e.document_currency, e.document_amount, e.exchange_rate, l.line_no, l.account, l.debit, l.credit, l.plant, l.order_id, l.item, "
            + "l.lot, l.cost_center, l.supplier, l.customer "
            + "FROM ledger_journal_entry e JOIN ledger_journal_line l ON l.entry_id = e.entry_id ";

    static final String ORDER = " ORDER BY e.entry_seq, l.line_no";

    static final String INSERT_ENTRY = "INSERT INTO ledger_journal_entry (entry_id, plant, posting_date, period, "
            + "late, tracking_id, source, source_event_id, event_type, correlation_id, actor, entry_text, "
            + "reversal_of, document_currency, document_amount, exchange_rate) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_LINE = "INSERT INTO ledger_journal_line (entry_id, line_no, account, debit, credit, "
            + "period, plant, order_id, item, lot, cost_center, supplier, customer) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A stored entry with its position in posting order. */
    record Stored(long sequence, JournalEntry entry) {
    }

    private JournalRows() {
    }

    /** Reads joined rows (ordered by entry, then line) into entries. */
    static List<Stored> group(ResultSet rs) throws SQLException {
        List<Stored> entries = new ArrayList<>();
        Header head = null;
        List<JournalLine> lines = new ArrayList<>();
        while (rs.next()) {
            long seq = rs.getLong("entry_seq");
            if (head == null || seq != head.sequence()) {
                if (head != null) {
                    entries.add(head.with(lines));
                }
                head = header(seq, rs);
                lines = new ArrayList<>();
            }
            lines.add(line(rs));
        }
        if (head != null) {
            entries.add(head.with(lines));
        }
        return entries;
    }

    private record Header(long sequence, String entryId, String plant, LocalDate postingDate, YearMonth period,
                          boolean late, SourceEvent source, String correlationId, String actor, String text,
                          String reversalOf, DocumentAmount document) {
        Stored with(List<JournalLine> lines) {
            return new Stored(sequence, new JournalEntry(entryId, plant, postingDate, period, late, source,
                    correlationId, actor, text, lines, reversalOf, document));
        }
    }

    private static Header header(long seq, ResultSet rs) throws SQLException {
        return new Header(seq, rs.getString("entry_id"), rs.getString("entry_plant"), Columns.date(rs, "posting_date"),
                YearMonth.parse(rs.getString("period")), rs.getBoolean("late"),
                new SourceEvent(rs.getString("tracking_id"), rs.getString("source"), rs.getString("source_event_id"),
                        rs.getString("event_type")),
                rs.getString("correlation_id"), rs.getString("actor"), rs.getString("entry_text"),
                rs.getString("reversal_of"), document(rs));
    }

    private static DocumentAmount document(ResultSet rs) throws SQLException {
        String currency = rs.getString("document_currency");
        return currency == null ? null : new DocumentAmount(currency, rs.getBigDecimal("document_amount"),
                rs.getBigDecimal("exchange_rate"));
    }

    private static JournalLine line(ResultSet rs) throws SQLException {
        Dimensions dimensions = new Dimensions(rs.getString("plant"), rs.getString("order_id"), rs.getString("item"),
                rs.getString("lot"), rs.getString("cost_center"), rs.getString("supplier"), rs.getString("customer"));
        return new JournalLine(rs.getString("account"), rs.getBigDecimal("debit"), rs.getBigDecimal("credit"),
                dimensions);
    }

    static void bindEntry(PreparedStatement ps, JournalEntry e) throws SQLException {
        ps.setString(1, e.entryId());
        ps.setString(2, e.plant());
        ps.setObject(3, e.postingDate());
        ps.setString(4, e.period().toString());
        ps.setBoolean(5, e.late());
        ps.setString(6, e.source().trackingId());
        ps.setString(7, e.source().source());
        ps.setString(8, e.source().eventId());
        ps.setString(9, e.source().type());
        ps.setString(10, e.correlationId());
        ps.setString(11, e.actor());
        ps.setString(12, e.text());
        ps.setString(13, e.reversalOf());
        DocumentAmount document = e.document();
        ps.setString(14, document == null ? null : document.currency());
        ps.setBigDecimal(15, document == null ? null : document.amount());
        ps.setBigDecimal(16, document == null ? null : document.exchangeRate());
    }

    /** One line of an entry; {@code index} counts from 1. */
    record NumberedLine(JournalEntry entry, int index, JournalLine line) {
    }

    static List<NumberedLine> lines(List<JournalEntry> entries) {
        List<NumberedLine> lines = new ArrayList<>();
        for (JournalEntry entry : entries) {
            for (int i = 0; i < entry.lines().size(); i++) {
                lines.add(new NumberedLine(entry, i + 1, entry.lines().get(i)));
            }
        }
        return lines;
    }

    static void bindLine(PreparedStatement ps, NumberedLine n) throws SQLException {
        JournalLine line = n.line();
        Dimensions d = line.dimensions();
        ps.setString(1, n.entry().entryId());
        ps.setInt(2, n.index());
        ps.setString(3, line.account());
        ps.setBigDecimal(4, line.debit());
        ps.setBigDecimal(5, line.credit());
        ps.setString(6, n.entry().period().toString());
        ps.setString(7, d.plant());
        ps.setString(8, d.order());
        ps.setString(9, d.item());
        ps.setString(10, d.lot());
        ps.setString(11, d.costCenter());
        ps.setString(12, d.supplier());
        ps.setString(13, d.customer());
    }
}
