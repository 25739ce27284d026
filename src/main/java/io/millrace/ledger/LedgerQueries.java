package io.millrace.ledger;

import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.ledger.JournalEntry;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side of the books for the APIs: every query filters and aggregates in SQL, so that no
 * request loads the whole ledger.
 */
public class LedgerQueries {

    /** Debits and credits of one account. */
    public record AccountTotals(String account, BigDecimal debit, BigDecimal credit) {
    }

    /** Balance (debit positive) of one account in one plant. */
    public record PlantAccountBalance(String plant, String account, BigDecimal balance) {
    }

    public record PlantItemQuantity(String plant, String item, BigDecimal quantity) {
    }

    public record PlantAmount(String plant, BigDecimal amount) {
    }

    public record StockRow(String plant, String location, String item, String lot, StockStatus status,
                           BigDecimal quantity) {
    }

    /** Filters of the journal; null means any. */
    public record JournalFilter(String trackingId, String order, String account, YearMonth period, String plant) {
    }

    /** Filters of the inventory; null means any. */
    public record StockFilter(String plant, String item, String lot, String location) {
    }

    private final JdbcTemplate jdbc;

    public LedgerQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Totals per account over the lines of a plant (null: all) in a period (null: all), by account. */
    public List<AccountTotals> trialBalance(String plant, YearMonth period) {
        Where where = new Where().eq("plant", plant).eq("period", period == null ? null : period.toString());
        return jdbc.query("SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM ledger_journal_line"
                        + where.sql() + " GROUP BY account ORDER BY account",
                (rs, n) -> new AccountTotals(rs.getString("account"), rs.getBigDecimal("debit"),
                        rs.getBigDecimal("credit")), where.args());
    }

    /**
     * Up to {@code limit} entries after position {@code after} (0: from the start) that match the
     * filter, in posting order, each with all its lines.
     */
    public List<JournalRows.Stored> journal(JournalFilter filter, long after, int limit) {
        Where where = new Where().raw("e.entry_seq > ?", after)
                .eq("e.tracking_id", filter.trackingId())
                .eq("e.period", filter.period() == null ? null : filter.period().toString());
        if (filter.order() != null) {
            where.raw("EXISTS (SELECT 1 FROM ledger_journal_line o WHERE o.entry_id = e.entry_id "
                    + "AND o.order_id = ?)", filter.order());
        }
        if (filter.account() != null) {
            where.raw("EXISTS (SELECT 1 FROM ledger_journal_line a WHERE a.entry_id = e.entry_id "
                    + "AND a.account = ?)", filter.account());
        }
        if (filter.plant() != null) {
            where.raw("EXISTS (SELECT 1 FROM ledger_journal_line p WHERE p.entry_id = e.entry_id "
                    + "AND p.plant = ?)", filter.plant());
        }
        List<Long> sequences = jdbc.queryForList("SELECT e.entry_seq FROM ledger_journal_entry e" + where.sql()
                + " ORDER BY e.entry_seq FETCH FIRST " + limit + " ROWS ONLY", Long.class, where.args());
        return entries(sequences);
    }

    private List<JournalRows.Stored> entries(Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(sequences.size(), "?"));
        return jdbc.query(JournalRows.SELECT + "WHERE e.entry_seq IN (" + marks + ")" + JournalRows.ORDER,
                JournalRows::group, sequences.toArray());
    }

    /** Up to {@code limit} entries matching the filter, in posting order. */
    public List<JournalEntry> entries(JournalFilter filter, int limit) {
        return journal(filter, 0, limit).stream().map(JournalRows.Stored::entry).toList();
    }

    /** Every journal entry an event caused (its source tracking id), in posting order. */
    public List<JournalEntry> journalOf(String trackingId) {
        return journal(new JournalFilter(trackingId, null, null, null, null), 0, 1000).stream()
                .map(JournalRows.Stored::entry).toList();
    }

    /** Late postings of a period (events whose time fell in an earlier, closed period). */
    public List<JournalEntry> latePostings(YearMonth period) {
        return jdbc.query(JournalRows.SELECT + "WHERE e.period = ? AND e.late = TRUE" + JournalRows.ORDER,
                JournalRows::group, period.toString()).stream().map(JournalRows.Stored::entry).toList();
    }

    public Optional<ClosedPeriod> closedPeriod(YearMonth period) {
        return jdbc.query("SELECT period, closed_by, closed_at, override_reason FROM ledger_closed_period "
                        + "WHERE period = ?",
                (rs, n) -> new ClosedPeriod(YearMonth.parse(rs.getString("period")), rs.getString("closed_by"),
                        Columns.instant(rs, "closed_at"), rs.getString("override_reason")), period.toString())
                .stream().findFirst();
    }

    /** Keeps who reopened a closed period, when and why, with the close it undid. */
    void recordReopening(ClosedPeriod closed, String actor, java.time.Instant at, String reason) {
        jdbc.update("INSERT INTO ledger_period_reopening (period, closed_by, closed_at, reopened_by, reopened_at, "
                + "reason) VALUES (?, ?, ?, ?, ?, ?)", closed.period().toString(), closed.closedBy(),
                closed.closedAt().atOffset(java.time.ZoneOffset.UTC), actor, at.atOffset(java.time.ZoneOffset.UTC),
                reason);
    }

    /** Non-zero stock balances matching the filter, in plant, location, item, lot, status order. */
    public List<StockRow> stock(StockFilter filter) {
        Where where = new Where().eq("plant", filter.plant()).eq("item", filter.item()).eq("lot", filter.lot())
                .eq("location", filter.location());
        return jdbc.query("SELECT plant, location, item, lot, status, quantity FROM ledger_stock_balance" + where.sql()
                        + " ORDER BY plant, location, item, lot, status",
                (rs, n) -> new StockRow(rs.getString("plant"), rs.getString("location"), rs.getString("item"),
                        rs.getString("lot"), StockStatus.valueOf(rs.getString("status")),
                        Columns.quantity(rs, "quantity")), where.args());
    }

    /** Transfers between plants shipped and not received yet, to or from the plant (null: all), oldest first. */
    public List<TransferInTransit> transfersInTransit(String plant) {
        String where = plant == null ? "" : " WHERE from_plant = ? OR to_plant = ?";
        Object[] args = plant == null ? new Object[0] : new Object[] {plant, plant};
        return jdbc.query("SELECT " + UnitTransfersInTransit.COLUMNS + " FROM ledger_transfer_in_transit" + where
                + " ORDER BY shipped_at, transfer_tracking_id", (rs, n) -> UnitTransfersInTransit.transfer(rs), args);
    }

    /** GL balances per plant of the given accounts. */
    public List<PlantAccountBalance> balances(String plant, Collection<String> accounts) {
        Where where = new Where().eq("plant", plant).in("account", accounts);
        return jdbc.query("SELECT plant, account, SUM(debit) - SUM(credit) AS balance FROM ledger_journal_line"
                        + where.sql() + " GROUP BY plant, account ORDER BY plant, account",
                (rs, n) -> new PlantAccountBalance(rs.getString("plant"), rs.getString("account"),
                        rs.getBigDecimal("balance")), where.args());
    }

    /** Total quantity per plant and item, non-zero only. */
    public List<PlantItemQuantity> plantStock(String plant) {
        Where where = new Where().eq("plant", plant).raw("quantity <> 0");
        return jdbc.query("SELECT plant, item, quantity FROM ledger_plant_stock" + where.sql()
                        + " ORDER BY plant, item",
                (rs, n) -> new PlantItemQuantity(rs.getString("plant"), rs.getString("item"),
                        Columns.quantity(rs, "quantity")), where.args());
    }

    /** Per plant, the sum over PO lines of (received - invoiced) x PO price, each line rounded to cents. */
    public List<PlantAmount> openPurchaseOrderValue(String plant) {
        Where where = new Where().eq("plant", plant);
        return jdbc.query("SELECT plant, SUM(ROUND((received - invoiced) * unit_price, 2)) AS amount "
                        + "FROM ledger_po_line" + where.sql() + " GROUP BY plant ORDER BY plant",
                (rs, n) -> new PlantAmount(rs.getString("plant"), rs.getBigDecimal("amount")), where.args());
    }

    /** A WHERE clause built from optional conditions. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        Where eq(String column, Object value) {
            if (value != null) {
                conditions.add(column + " = ?");
                args.add(value);
            }
            return this;
        }

        Where in(String column, Collection<?> values) {
            conditions.add(column + " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?"))
                    + ")");
            args.addAll(values);
            return this;
        }

        Where raw(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(List.of(values));
            return this;
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Object[] args() {
            return args.toArray();
        }
    }
}
