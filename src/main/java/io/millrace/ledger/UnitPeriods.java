package io.millrace.ledger;

import io.millrace.accounting.books.AccountingPeriods;
import io.millrace.accounting.books.ClosedPeriod;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Closed periods of a unit of work: the (small) table is read once per unit; closes are inserted
 * at flush, and a period closed meanwhile by someone else keeps its first closer.
 */
final class UnitPeriods implements AccountingPeriods {

    private final Jdbc jdbc;
    private Map<YearMonth, ClosedPeriod> closed;
    private final List<ClosedPeriod> pending = new ArrayList<>();
    private final List<YearMonth> reopened = new ArrayList<>();

    UnitPeriods(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private Map<YearMonth, ClosedPeriod> closedPeriods() {
        if (closed == null) {
            closed = new TreeMap<>();
            jdbc.query("SELECT period, closed_by, closed_at, override_reason FROM ledger_closed_period", ps -> { },
                    rs -> new ClosedPeriod(YearMonth.parse(rs.getString("period")), rs.getString("closed_by"),
                            Columns.instant(rs, "closed_at"), rs.getString("override_reason")))
                    .forEach(p -> closed.put(p.period(), p));
        }
        return closed;
    }

    @Override
    public boolean isClosed(YearMonth period) {
        return closedPeriods().containsKey(period);
    }

    @Override
    public void close(ClosedPeriod period) {
        if (closedPeriods().putIfAbsent(period.period(), period) == null) {
            pending.add(period);
        }
    }

    @Override
    public void reopen(YearMonth period) {
        if (closedPeriods().remove(period) != null) {
            pending.removeIf(p -> p.period().equals(period));
            reopened.add(period);
        }
    }

    @Override
    public List<ClosedPeriod> closed() {
        return List.copyOf(closedPeriods().values());
    }

    void flush() {
        jdbc.batch("DELETE FROM ledger_closed_period WHERE period = ?", reopened,
                (ps, p) -> ps.setString(1, p.toString()));
        reopened.clear();
        jdbc.batch("INSERT INTO ledger_closed_period (period, closed_by, closed_at, override_reason) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", pending, (ps, p) -> {
                    ps.setString(1, p.period().toString());
                    ps.setString(2, p.closedBy());
                    Columns.setInstant(ps, 3, p.closedAt());
                    ps.setString(4, p.overrideReason());
                });
        pending.clear();
    }

    boolean hasChanges() {
        return !pending.isEmpty() || !reopened.isEmpty();
    }
}
