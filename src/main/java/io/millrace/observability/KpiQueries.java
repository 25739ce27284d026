package io.millrace.observability;

import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.ledger.Reconciliation;
import io.millrace.observability.Kpis.Backlog;
import io.millrace.observability.Kpis.Close;
import io.millrace.observability.Kpis.Outage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Computes the {@link Kpis} from what the hub keeps anyway (event log, lineage steps, exception
 * queue, journal, ERP deliveries, closed periods) and from what it notes for them (outages, backlog
 * samples). Percentiles and sums are taken by the database; only late events, outages, closes and
 * samples of the range are read.
 */
public final class KpiQueries {

    private static final BigDecimal TENTH = new BigDecimal("0.1");

    private final JdbcTemplate jdbc;
    private final AccountDetermination accounts;
    private final ZoneId periodZone;
    private final Reconciliation reconciliation;
    private final Duration linkOutageThreshold;

    KpiQueries(JdbcTemplate jdbc, AccountDetermination accounts, ZoneId periodZone, Reconciliation reconciliation,
               Duration linkOutageThreshold) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.periodZone = periodZone;
        this.reconciliation = reconciliation;
        this.linkOutageThreshold = linkOutageThreshold;
    }

    /** The key figures of {@code plant} (all when null) over {@code [from, to)}. */
    public Kpis of(String plant, Instant from, Instant to) {
        Kpis.Percentiles acceptedToPosted = acceptedToPosted(plant, from, to);
        return new Kpis(plant, from, to,
                new Kpis.SyncLatency(acceptedToPosted, postedToErp(plant, from, to)),
                accuracy(plant, from, to, acceptedToPosted.count()),
                exceptionResolution(plant, from, to),
                inventoryVariance(plant, from, to),
                closeCycle(from, to),
                new Kpis.Resilience(erpOutages(from, to), plantLinkOutages(plant, from, to),
                        backlog("events", from, to), backlog("erp_deliveries", from, to)));
    }

    private Kpis.Percentiles acceptedToPosted(String plant, Instant from, Instant to) {
        return percentiles("SELECT EXTRACT(EPOCH FROM s.at) - EXTRACT(EPOCH FROM e.accepted_at) AS x "
                + "FROM pipeline_step s JOIN event_log e ON e.tracking_id = s.tracking_id "
                + "WHERE s.step = 'POSTED' AND s.at >= ? AND s.at < ?" + plantIs("e.plant", plant)
                + " AND NOT EXISTS (SELECT 1 FROM pipeline_exception x WHERE x.tracking_id = s.tracking_id)",
                args(from, to, plant));
    }

    private Kpis.Percentiles postedToErp(String plant, Instant from, Instant to) {
        return percentiles("SELECT EXTRACT(EPOCH FROM d.updated_at) - EXTRACT(EPOCH FROM p.at) AS x "
                + "FROM erp_delivery d JOIN pipeline_step p ON p.tracking_id = d.tracking_id AND p.step = 'POSTED' "
                + "WHERE d.state = 'DELIVERED' AND d.updated_at >= ? AND d.updated_at < ?"
                + plantIs("d.plant", plant), args(from, to, plant));
    }

    /**
     * Nearest-rank percentiles of the {@code x} column of {@code values}: the ranks are worked out
     * here, exactly, and the database only sorts and numbers the values (H2's PERCENTILE_DISC ranks
     * otherwise than PostgreSQL's).
     */
    private Kpis.Percentiles percentiles(String values, Object[] args) {
        Long counted = jdbc.queryForObject("SELECT COUNT(*) FROM (" + values + ") t", Long.class, args);
        long n = counted == null ? 0 : counted;
        if (n == 0) {
            return new Kpis.Percentiles(0, null, null);
        }
        long r50 = nearestRank(50, n);
        long r95 = nearestRank(95, n);
        Object[] ranked = java.util.Arrays.copyOf(args, args.length + 2);
        ranked[args.length] = r50;
        ranked[args.length + 1] = r95;
        Map<Long, BigDecimal> byRank = new TreeMap<>();
        jdbc.query("SELECT rn, x FROM (SELECT x, ROW_NUMBER() OVER (ORDER BY x) AS rn FROM (" + values + ") t) r "
                + "WHERE rn IN (?, ?)", rs -> {
            byRank.put(rs.getLong(1), rs.getBigDecimal(2));
        }, ranked);
        return new Kpis.Percentiles(n, seconds(byRank.get(r50)), seconds(byRank.get(r95)));
    }

    /** ceil(percent / 100 * n), at least 1. */
    private static long nearestRank(int percent, long n) {
        return Math.max(1, (percent * n + 99) / 100);
    }

    private Kpis.PostingAccuracy accuracy(String plant, Instant from, Instant to, long postedClean) {
        Long withException = jdbc.queryForObject("SELECT COUNT(DISTINCT tracking_id) FROM pipeline_exception "
                + "WHERE raised_at >= ? AND raised_at < ?" + plantIs("plant", plant), Long.class, args(from, to, plant));
        long exceptions = withException == null ? 0 : withException;
        BigDecimal ratio = postedClean + exceptions == 0 ? null
                : BigDecimal.valueOf(postedClean).divide(BigDecimal.valueOf(postedClean + exceptions), 4,
                RoundingMode.HALF_UP);
        long differences = 0;
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Reconciliation.PlantView view : reconciliation.of(plant).plants()) {
            for (Reconciliation.InventoryAccountView account : view.inventory()) {
                if (account.difference().signum() != 0) {
                    differences++;
                    total = total.add(account.difference().abs());
                }
            }
            if (view.grIr().difference().signum() != 0) {
                differences++;
                total = total.add(view.grIr().difference().abs());
            }
        }
        return new Kpis.PostingAccuracy(postedClean, exceptions, ratio, differences, total);
    }

    private Kpis.ExceptionResolution exceptionResolution(String plant, Instant from, Instant to) {
        Kpis.Percentiles decided = percentiles("SELECT EXTRACT(EPOCH FROM decided_at) - EXTRACT(EPOCH FROM raised_at)"
                + " AS x FROM pipeline_exception WHERE status <> 'OPEN' AND decided_at >= ? AND decided_at < ?"
                + plantIs("plant", plant), args(from, to, plant));
        Long open = jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_exception WHERE status = 'OPEN'"
                + plantIs("plant", plant), Long.class, plant == null ? new Object[0] : new Object[] {plant});
        return new Kpis.ExceptionResolution(decided.count(), decided.p50Seconds(), decided.p95Seconds(),
                open == null ? 0 : open);
    }

    private Kpis.InventoryVariance inventoryVariance(String plant, Instant from, Instant to) {
        LocalDate firstDay = from.atZone(periodZone).toLocalDate();
        LocalDate endDay = to.atZone(periodZone).toLocalDate();
        List<BigDecimal> nets = jdbc.query("SELECT SUM(l.debit) - SUM(l.credit) FROM ledger_journal_entry e "
                        + "JOIN ledger_journal_line l ON l.entry_id = e.entry_id "
                        + "WHERE e.event_type = 'mfg.inventory.count.adjusted' AND l.account = ? "
                        + "AND e.posting_date >= ? AND e.posting_date < ?" + plantIs("e.plant", plant)
                        + " GROUP BY e.entry_id",
                (rs, i) -> rs.getBigDecimal(1),
                plant == null ? new Object[] {accounts.inventoryAdjustments(), firstDay, endDay}
                        : new Object[] {accounts.inventoryAdjustments(), firstDay, endDay, plant});
        // a debit on the adjustments account is a loss of stock, a credit a gain
        BigDecimal losses = BigDecimal.ZERO.setScale(2);
        BigDecimal gains = BigDecimal.ZERO.setScale(2);
        for (BigDecimal net : nets) {
            if (net.signum() > 0) {
                losses = losses.add(net);
            } else {
                gains = gains.add(net.negate());
            }
        }
        TreeSet<String> inventoryAccounts = new TreeSet<>();
        for (ValuationClass c : ValuationClass.values()) {
            inventoryAccounts.add(accounts.inventory(c));
        }
        String in = String.join(",", inventoryAccounts.stream().map(a -> "?").toList());
        List<Object> valueArgs = new ArrayList<>(inventoryAccounts);
        valueArgs.add(YearMonth.from(endDay.minusDays(1)).toString());
        if (plant != null) {
            valueArgs.add(plant);
        }
        BigDecimal value = jdbc.queryForObject("SELECT COALESCE(SUM(debit) - SUM(credit), 0) FROM ledger_journal_line "
                + "WHERE account IN (" + in + ") AND period <= ?" + plantIs("plant", plant), BigDecimal.class,
                valueArgs.toArray());
        BigDecimal absolute = gains.add(losses);
        BigDecimal ratio = value == null || value.signum() <= 0 ? null
                : absolute.divide(value, 6, RoundingMode.HALF_UP);
        return new Kpis.InventoryVariance(nets.size(), gains, losses, absolute,
                value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY), ratio);
    }

    private Kpis.CloseCycle closeCycle(Instant from, Instant to) {
        List<Close> closes = jdbc.query("SELECT period, closed_at FROM ledger_closed_period "
                + "WHERE closed_at >= ? AND closed_at < ? ORDER BY period", (rs, i) -> {
                    YearMonth period = YearMonth.parse(rs.getString(1).trim());
                    Instant monthEnd = period.plusMonths(1).atDay(1).atStartOfDay(periodZone).toInstant();
                    Instant closedAt = rs.getObject(2, OffsetDateTime.class).toInstant();
                    return new Close(period.toString(), monthEnd, closedAt, seconds(Duration.between(monthEnd, closedAt)));
                }, utc(from), utc(to));
        BigDecimal average = closes.isEmpty() ? null : closes.stream().map(Close::seconds)
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(closes.size()), 3,
                        RoundingMode.HALF_UP);
        return new Kpis.CloseCycle(closes, average);
    }

    private Kpis.Outages erpOutages(Instant from, Instant to) {
        List<Outage> outages = jdbc.query("SELECT name, started_at, ended_at FROM ops_outage WHERE kind = ? "
                        + "AND started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at",
                (rs, i) -> {
                    Instant start = rs.getObject(2, OffsetDateTime.class).toInstant();
                    OffsetDateTime end = rs.getObject(3, OffsetDateTime.class);
                    return new Outage(rs.getString(1), later(start, from), end == null ? to
                            : earlier(end.toInstant(), to));
                }, Outages.ERP, utc(to), utc(from));
        return outages(outages);
    }

    /**
     * A plant's link was down while its events reached the hub later than the threshold after they
     * happened: each late event spans its event time to its acceptance, overlapping spans merge.
     */
    private Kpis.Outages plantLinkOutages(String plant, Instant from, Instant to) {
        Map<String, List<Outage>> spans = new TreeMap<>();
        List<Object> a = new ArrayList<>(List.of(utc(from), utc(to)));
        if (plant != null) {
            a.add(plant);
        }
        a.add(linkOutageThreshold.toMillis() / 1000.0);
        jdbc.query("SELECT e.plant, e.event_time, e.accepted_at FROM pipeline_step s "
                + "JOIN event_log e ON e.tracking_id = s.tracking_id WHERE s.step = 'POSTED' AND s.at >= ? "
                + "AND s.at < ?" + plantIs("e.plant", plant)
                + " AND EXTRACT(EPOCH FROM e.accepted_at) - EXTRACT(EPOCH FROM e.event_time) > ?", rs -> {
            spans.computeIfAbsent(rs.getString(1), p -> new ArrayList<>()).add(new Outage(rs.getString(1),
                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                    rs.getObject(3, OffsetDateTime.class).toInstant()));
        }, a.toArray());
        List<Outage> merged = new ArrayList<>();
        for (List<Outage> ofPlant : spans.values()) {
            ofPlant.sort(Comparator.comparing(Outage::from));
            Outage current = null;
            for (Outage span : ofPlant) {
                if (current != null && !span.from().isAfter(current.to())) {
                    current = new Outage(current.name(), current.from(), later(current.to(), span.to()));
                } else {
                    if (current != null) {
                        merged.add(current);
                    }
                    current = span;
                }
            }
            merged.add(current);
        }
        return outages(merged.stream().map(o -> new Outage(o.name(), later(o.from(), from), earlier(o.to(), to)))
                .toList());
    }

    private static Kpis.Outages outages(List<Outage> outages) {
        Duration total = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (Outage o : outages) {
            Duration d = Duration.between(o.from(), o.to());
            total = total.plus(d);
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return new Kpis.Outages(outages.size(), seconds(total), outages.isEmpty() ? null : seconds(longest), outages);
    }

    private Backlog backlog(String column, Instant from, Instant to) {
        record Sample(Instant at, long value) {
        }
        List<Sample> samples = jdbc.query("SELECT at, " + column + " FROM ops_backlog_sample WHERE at >= ? AND at < ? "
                + "ORDER BY at", (rs, i) -> new Sample(rs.getObject(1, OffsetDateTime.class).toInstant(),
                rs.getLong(2)), utc(from), utc(to));
        Sample peak = null;
        for (Sample s : samples) {
            if (peak == null || s.value() > peak.value()) {
                peak = s;
            }
        }
        if (peak == null) {
            return new Backlog(null, null, null);
        }
        BigDecimal drained = null;
        BigDecimal level = BigDecimal.valueOf(peak.value()).multiply(TENTH);
        for (Sample s : samples) {
            if (s.at().isAfter(peak.at()) && BigDecimal.valueOf(s.value()).compareTo(level) <= 0) {
                drained = seconds(Duration.between(peak.at(), s.at()));
                break;
            }
        }
        return new Backlog(peak.value(), peak.at(), drained);
    }

    private static String plantIs(String column, String plant) {
        return plant == null ? "" : " AND " + column + " = ?";
    }

    private static Object[] args(Instant from, Instant to, String plant) {
        return plant == null ? new Object[] {utc(from), utc(to)} : new Object[] {utc(from), utc(to), plant};
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal seconds(BigDecimal value) {
        return value == null ? null : value.setScale(3, RoundingMode.HALF_UP);
    }
}
