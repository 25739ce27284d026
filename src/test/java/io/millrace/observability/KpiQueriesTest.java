package io.millrace.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.ledger.LedgerQueries;
import io.millrace.ledger.Reconciliation;
import io.millrace.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key figures over a seeded stream written into the hub's tables as the pipeline, the ERP
 * delivery and the close leave them: every expected figure is worked out here from the generated
 * stream itself (sorted lists, sums, merged spans), not by the queries under test, for all plants
 * and for one, on H2 and on PostgreSQL.
 */
class KpiQueriesTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant STREAM_START = Instant.parse("2026-11-10T00:00:00Z");
    private static final Duration LINK_THRESHOLD = Duration.ofMinutes(5);
    private static final BigDecimal RM_COST = new BigDecimal("2.00");

    /** One generated event and what became of it. */
    record Event(UUID trackingId, String plant, Instant eventTime, Instant acceptedAt, Instant postedAt,
                 Instant raisedAt, Instant decidedAt, String status, Instant deliveredAt) {
        boolean exception() {
            return raisedAt != null;
        }
    }

    record Line(String entry, String plant, String account, BigDecimal debit, BigDecimal credit, boolean count) {
    }

    record Span(String plant, Instant from, Instant to) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, BigDecimal> stock = new TreeMap<>();
    private final List<long[]> samples = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void figuresOverASeededStreamMatchThoseWorkedOutFromTheStreamItself(TestDatabase.Kind kind) {
        if (kind == TestDatabase.Kind.POSTGRES) {
            TestDatabase.requirePostgres();
        }
        try (TestDatabase db = TestDatabase.create(kind)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            generate(new Random(20261203L));
            write(jdbc);
            InMemoryMasterData master = new InMemoryMasterData()
                    .put(new Plant("P1", "One")).put(new Plant("P2", "Two"))
                    .put(new Item("RM-1", "Steel", ValuationClass.RAW, "kg", RM_COST));
            PostingSettings posting = PostingSettings.defaults();
            KpiQueries queries = new KpiQueries(jdbc, posting.accounts(), ZoneOffset.UTC,
                    new Reconciliation(new LedgerQueries(db.dataSource()), master, posting), LINK_THRESHOLD);

            check(queries.of(null, FROM, TO), plant -> true, null);
            check(queries.of("P1", FROM, TO), "P1"::equals, "P1");
        }
    }

    private void check(Kpis kpis, Predicate<String> inPlant, String plant) {
        List<Event> ofPlant = events.stream().filter(e -> inPlant.test(e.plant())).toList();

        List<BigDecimal> clean = ofPlant.stream().filter(e -> !e.exception() && in(e.postedAt()))
                .map(e -> seconds(e.acceptedAt(), e.postedAt())).toList();
        assertThat(kpis.synchronisation().acceptedToPosted())
                .isEqualTo(new Kpis.Percentiles(clean.size(), rank(clean, 50), rank(clean, 95)));
        List<BigDecimal> toErp = ofPlant.stream().filter(e -> e.deliveredAt() != null && in(e.deliveredAt()))
                .map(e -> seconds(e.postedAt(), e.deliveredAt())).toList();
        assertThat(kpis.synchronisation().postedToErp())
                .isEqualTo(new Kpis.Percentiles(toErp.size(), rank(toErp, 50), rank(toErp, 95)));

        long raised = ofPlant.stream().filter(e -> e.exception() && in(e.raisedAt())).count();
        assertThat(kpis.accuracy().postedWithoutException()).isEqualTo(clean.size());
        assertThat(kpis.accuracy().withException()).isEqualTo(raised);
        assertThat(kpis.accuracy().ratio()).isEqualByComparingTo(BigDecimal.valueOf(clean.size())
                .divide(BigDecimal.valueOf(clean.size() + raised), 4, RoundingMode.HALF_UP));
        long differences = 0;
        BigDecimal differenceTotal = BigDecimal.ZERO;
        for (String p : List.of("P1", "P2")) {
            if (!inPlant.test(p)) {
                continue;
            }
            BigDecimal inventory = balance(p, "1400");
            BigDecimal value = stock.getOrDefault(p, BigDecimal.ZERO).multiply(RM_COST).setScale(2);
            BigDecimal grIr = balance(p, "2100");
            for (BigDecimal d : List.of(inventory.subtract(value), grIr)) {
                if (d.signum() != 0) {
                    differences++;
                    differenceTotal = differenceTotal.add(d.abs());
                }
            }
        }
        assertThat(kpis.accuracy().reconciliationDifferences()).isEqualTo(differences);
        assertThat(kpis.accuracy().reconciliationDifferenceTotal()).isEqualByComparingTo(differenceTotal);

        List<BigDecimal> resolution = ofPlant.stream()
                .filter(e -> e.exception() && e.decidedAt() != null && in(e.decidedAt()))
                .map(e -> seconds(e.raisedAt(), e.decidedAt())).toList();
        long open = ofPlant.stream().filter(e -> e.exception() && e.decidedAt() == null).count();
        assertThat(kpis.exceptionResolution()).isEqualTo(new Kpis.ExceptionResolution(resolution.size(),
                rank(resolution, 50), rank(resolution, 95), open));

        BigDecimal gains = BigDecimal.ZERO;
        BigDecimal losses = BigDecimal.ZERO;
        long adjustments = 0;
        for (Line l : lines) {
            if (l.count() && l.account().equals("5400") && inPlant.test(l.plant())) {
                adjustments++;
                gains = gains.add(l.credit());
                losses = losses.add(l.debit());
            }
        }
        BigDecimal inventoryValue = lines.stream().filter(l -> l.account().equals("1400") && inPlant.test(l.plant()))
                .map(l -> l.debit().subtract(l.credit())).reduce(BigDecimal.ZERO, BigDecimal::add);
        Kpis.InventoryVariance variance = kpis.inventoryVariance();
        assertThat(variance.adjustments()).isEqualTo(adjustments);
        assertThat(variance.gains()).isEqualByComparingTo(gains);
        assertThat(variance.losses()).isEqualByComparingTo(losses);
        assertThat(variance.inventoryValue()).isEqualByComparingTo(inventoryValue);
        assertThat(variance.ratio()).isEqualByComparingTo(gains.add(losses).divide(inventoryValue, 6,
                RoundingMode.HALF_UP));

        // October closed on 3 November at 10:00, 2 days 10 hours after its month end; September before the range
        assertThat(kpis.closeCycle().closes()).extracting(Kpis.Close::period).containsExactly("2026-10");
        assertThat(kpis.closeCycle().averageSeconds()).isEqualByComparingTo(BigDecimal.valueOf(2 * 86400 + 10 * 3600));

        // 3 hours before the range's start (1 inside), 20 minutes, one still open for the last hour of the range
        assertThat(kpis.resilience().erp().count()).isEqualTo(3);
        assertThat(kpis.resilience().erp().totalSeconds()).isEqualByComparingTo("8400");
        assertThat(kpis.resilience().erp().longestSeconds()).isEqualByComparingTo("3600");

        List<Span> links = linkOutages(ofPlant);
        Duration linkTotal = links.stream().map(s -> Duration.between(s.from(), s.to()))
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(kpis.resilience().plantLinks().count()).as("plant link outages of %s", plant)
                .isEqualTo(links.size());
        assertThat(kpis.resilience().plantLinks().totalSeconds()).isEqualByComparingTo(seconds(linkTotal));

        long[] peak = null;
        for (long[] s : samples) {
            if (peak == null || s[1] > peak[1]) {
                peak = s;
            }
        }
        BigDecimal drain = null;
        for (long[] s : samples) {
            if (s[0] > peak[0] && s[1] * 10 <= peak[1]) {
                drain = BigDecimal.valueOf(s[0] - peak[0]).setScale(3);
                break;
            }
        }
        assertThat(kpis.resilience().events().peak()).isEqualTo(peak[1]);
        assertThat(kpis.resilience().events().drainSeconds()).isEqualTo(drain);
        assertThat(kpis.resilience().erpDeliveries().peak()).isEqualTo(0L);
    }

    /** Late events span their event time to their acceptance; overlapping spans of a plant are one outage. */
    private List<Span> linkOutages(List<Event> ofPlant) {
        Map<String, List<Span>> byPlant = new TreeMap<>();
        for (Event e : ofPlant) {
            if (e.postedAt() != null && in(e.postedAt())
                    && Duration.between(e.eventTime(), e.acceptedAt()).compareTo(LINK_THRESHOLD) > 0) {
                byPlant.computeIfAbsent(e.plant(), p -> new ArrayList<>()).add(new Span(e.plant(), e.eventTime(),
                        e.acceptedAt()));
            }
        }
        List<Span> outages = new ArrayList<>();
        for (List<Span> spans : byPlant.values()) {
            spans.sort(Comparator.comparing(Span::from));
            Span open = spans.get(0);
            for (Span s : spans.subList(1, spans.size())) {
                if (s.from().isAfter(open.to())) {
                    outages.add(open);
                    open = s;
                } else if (s.to().isAfter(open.to())) {
                    open = new Span(open.plant(), open.from(), s.to());
                }
            }
            outages.add(open);
        }
        return outages;
    }

    private BigDecimal balance(String plant, String account) {
        return lines.stream().filter(l -> l.plant().equals(plant) && l.account().equals(account))
                .map(l -> l.debit().subtract(l.credit())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Nearest rank: the value at position ceil(p/100 * n) of the sorted values. */
    private static BigDecimal rank(List<BigDecimal> values, int percent) {
        if (values.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int position = (int) Math.ceil(percent * sorted.size() / 100.0);
        return sorted.get(Math.max(position, 1) - 1);
    }

    private static boolean in(Instant t) {
        return t != null && !t.isBefore(FROM) && t.isBefore(TO);
    }

    private static BigDecimal seconds(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3);
    }

    private void generate(Random random) {
        for (int i = 0; i < 240; i++) {
            String plant = random.nextInt(3) == 0 ? "P2" : "P1";
            // a few events posted just before the range, the rest over ten hours of the 10th of November
            Instant accepted = i < 8 ? FROM.minusSeconds(3600 + random.nextInt(1800))
                    : STREAM_START.plusMillis(random.nextInt(10 * 3600 * 1000));
            boolean late = random.nextInt(8) == 0;
            Instant eventTime = accepted.minusMillis(late ? 360_000 + random.nextInt(3_000_000)
                    : random.nextInt(2000));
            if (random.nextInt(10) == 0) {
                Instant raised = accepted.plusMillis(5 + random.nextInt(2000));
                int fate = random.nextInt(4);
                Instant decided = fate == 0 ? null : raised.plusMillis(60_000 + random.nextInt(7_200_000));
                String status = switch (fate) {
                    case 0 -> "OPEN";
                    case 1 -> "RESOLVED";
                    case 2 -> "APPROVED";
                    default -> "DISCARDED";
                };
                Instant posted = fate == 1 || fate == 2 ? decided : null;
                events.add(new Event(UUID.randomUUID(), plant, eventTime, accepted, posted, raised, decided, status,
                        null));
            } else {
                Instant posted = accepted.plusMillis(5 + random.nextInt(30_000));
                Instant delivered = random.nextInt(10) < 7 ? posted.plusMillis(500 + random.nextInt(120_000)) : null;
                events.add(new Event(UUID.randomUUID(), plant, eventTime, accepted, posted, null, null, null,
                        delivered));
            }
        }
        for (String plant : List.of("P1", "P2")) {
            for (int r = 0; r < 4; r++) {
                BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextInt(500_000), 2);
                String entry = "GR-" + plant + "-" + r;
                lines.add(new Line(entry, plant, "1400", amount, BigDecimal.ZERO.setScale(2), false));
                lines.add(new Line(entry, plant, "2100", BigDecimal.ZERO.setScale(2), amount, false));
            }
            for (int c = 0; c < 3; c++) {
                BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(20_000), 2);
                boolean loss = random.nextBoolean();
                String entry = "CNT-" + plant + "-" + c;
                BigDecimal zero = BigDecimal.ZERO.setScale(2);
                lines.add(new Line(entry, plant, "5400", loss ? amount : zero, loss ? zero : amount, true));
                lines.add(new Line(entry, plant, "1400", loss ? zero : amount, loss ? amount : zero, true));
            }
        }
        stock.put("P1", BigDecimal.valueOf(100 + random.nextInt(1000)));
        long t = STREAM_START.getEpochSecond();
        long level = 0;
        for (int s = 0; s < 400; s++) {
            level = Math.max(0, level + random.nextInt(200) - (s < 150 ? 60 : 140));
            samples.add(new long[] {t + s * 30L, level});
        }
    }

    private void write(JdbcTemplate jdbc) {
        long position = 0;
        for (Event e : events) {
            position++;
            String state = e.postedAt() != null ? "POSTED" : "EXCEPTION";
            jdbc.update("INSERT INTO event_log (position, tracking_id, source, event_id, type, plant, event_time, "
                            + "accepted_at, producer_key_id, content_hash, payload, state) "
                            + "VALUES (?, ?, 'urn:test', ?, 'mfg.procurement.goods.received', ?, ?, ?, 'k', 'h', '{}', ?)",
                    position, e.trackingId(), "e-" + position, e.plant(), utc(e.eventTime()), utc(e.acceptedAt()),
                    state);
            if (e.exception()) {
                jdbc.update("INSERT INTO pipeline_exception (id, tracking_id, position, type, plant, reason, raised_at,"
                                + " status, decided_at) VALUES (?, ?, ?, 'mfg.procurement.goods.received', ?, "
                                + "'UNKNOWN_ITEM', ?, ?, ?)", UUID.randomUUID(), e.trackingId(), position, e.plant(),
                        utc(e.raisedAt()), e.status(), e.decidedAt() == null ? null : utc(e.decidedAt()));
                jdbc.update("INSERT INTO pipeline_step (tracking_id, step, at) VALUES (?, 'EXCEPTION_RAISED', ?)",
                        e.trackingId(), utc(e.raisedAt()));
            }
            if (e.postedAt() != null) {
                jdbc.update("INSERT INTO pipeline_step (tracking_id, step, at) VALUES (?, 'POSTED', ?)",
                        e.trackingId(), utc(e.postedAt()));
            }
            if (e.deliveredAt() != null) {
                jdbc.update("INSERT INTO erp_delivery (entry_id, position, tracking_id, plant, posting_date, data, "
                                + "state, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', 'DELIVERED', 1, ?, ?)",
                        "JE-" + position, position, e.trackingId(), e.plant(), LocalDate.of(2026, 11, 10),
                        utc(e.postedAt()), utc(e.deliveredAt()));
            }
        }
        jdbc.update("UPDATE event_log_head SET last_position = ? WHERE id = 1", position);
        Map<String, Integer> lineNumbers = new TreeMap<>();
        for (Line l : lines) {
            int lineNo = lineNumbers.merge(l.entry(), 1, Integer::sum);
            if (lineNo == 1) {
                jdbc.update("INSERT INTO ledger_journal_entry (entry_id, plant, posting_date, period, late, tracking_id,"
                                + " event_type) VALUES (?, ?, ?, '2026-11', FALSE, ?, ?)", l.entry(), l.plant(),
                        LocalDate.of(2026, 11, 12), UUID.randomUUID().toString(),
                        l.count() ? "mfg.inventory.count.adjusted" : "mfg.procurement.goods.received");
            }
            jdbc.update("INSERT INTO ledger_journal_line (entry_id, line_no, account, debit, credit, period, plant) "
                    + "VALUES (?, ?, ?, ?, ?, '2026-11', ?)", l.entry(), lineNo, l.account(), l.debit(), l.credit(),
                    l.plant());
        }
        stock.forEach((plant, quantity) -> jdbc.update(
                "INSERT INTO ledger_plant_stock (plant, item, quantity) VALUES (?, 'RM-1', ?)", plant, quantity));
        jdbc.update("INSERT INTO ledger_closed_period (period, closed_by, closed_at) VALUES ('2026-09', 'key:k', ?)",
                utc(Instant.parse("2026-10-05T09:00:00Z")));
        jdbc.update("INSERT INTO ledger_closed_period (period, closed_by, closed_at) VALUES ('2026-10', 'key:k', ?)",
                utc(Instant.parse("2026-11-03T10:00:00Z")));
        outage(jdbc, "2026-10-31T22:00:00Z", "2026-11-01T01:00:00Z");
        outage(jdbc, "2026-11-15T08:00:00Z", "2026-11-15T08:20:00Z");
        outage(jdbc, "2026-11-30T23:00:00Z", null);
        outage(jdbc, "2026-10-01T08:00:00Z", "2026-10-01T09:00:00Z");
        for (long[] s : samples) {
            jdbc.update("INSERT INTO ops_backlog_sample (at, events, erp_deliveries) VALUES (?, ?, 0)",
                    utc(Instant.ofEpochSecond(s[0])), s[1]);
        }
    }

    private static void outage(JdbcTemplate jdbc, String start, String end) {
        jdbc.update("INSERT INTO ops_outage (kind, name, started_at, ended_at) VALUES ('ERP', 'tryton', ?, ?)",
                utc(Instant.parse(start)), end == null ? null : utc(Instant.parse(end)));
    }

    private static java.time.OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
