package io.millrace.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import io.millrace.eventlog.EventTracing;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxProperties;
import io.millrace.outbox.OutboxTesting;
import io.millrace.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Delivery of journal entries into an ERP held in memory, on a migrated embedded database. */
class DeliveryWorkerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 5);

    private TestDatabase db;
    private Outbox outbox;
    private ErpDeliveries deliveries;
    private FlakyErp erp;
    private Clock clock = Clock.fixed(Instant.parse("2026-11-05T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(TestDatabase.Kind.H2);
        outbox = new Outbox(db.dataSource(), Clock.systemUTC(), OutboxProperties.defaults(List.of()));
        deliveries = new ErpDeliveries(new JdbcTemplate(db.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())));
        erp = new FlakyErp(InMemoryErpContractTest.standardChart(new InMemoryErp("memory:test")));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private DeliveryWorker worker(boolean summarise) {
        ErpProperties defaults = ErpProperties.none();
        ErpProperties settings = new ErpProperties("none", null, "admin", null, "STO", Map.of(), Map.of(),
                ErpProperties.Mapping.defaults(), 7, summarise, Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(60),
                new ErpProperties.Retry(Duration.ofMillis(1), Duration.ofMillis(4)), defaults.circuitBreaker(), true);
        CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .slidingWindowSize(1000).minimumNumberOfCalls(1000).build());
        return new DeliveryWorker(erp, outbox, deliveries, settings, breaker, clock, "test-" + UUID.randomUUID(),
                new ErpMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0, () -> 0), failure -> { }, EventTracing.NONE);
    }

    private static JournalEntry entry(String id, LocalDate date, String account, String amount, String customer) {
        Dimensions dims = new Dimensions("P100", null, null, null, null, null, customer);
        BigDecimal value = new BigDecimal(amount);
        return new JournalEntry(id, "P100", date, null, false,
                new SourceEvent(UUID.randomUUID().toString(), "urn:test", id, "test"), id, "tester", null,
                List.of(JournalLine.debit(account, value, dims), JournalLine.credit("4000", value, dims)), null);
    }

    private List<JournalEntry> sales(int n, LocalDate date) {
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(entry("E-" + UUID.randomUUID(), date, "1200", (i + 1) + ".10", "C-BETA"));
        }
        return entries;
    }

    /** Rounds until the worker has nothing to do; answers the rounds run. */
    private static int drain(DeliveryWorker worker) {
        int rounds = 0;
        Duration pause;
        do {
            pause = worker.round();
            rounds++;
        } while (pause != null && rounds < 10_000);
        return rounds;
    }

    @Test
    void deliversEveryEntryOnceAsAPostedMoveWithItsNumber() {
        List<JournalEntry> entries = sales(20, DAY);
        OutboxTesting.publish(outbox, entries);
        drain(worker(false));
        assertThat(erp.memory.moveCount()).isEqualTo(20);
        for (JournalEntry e : entries) {
            assertThat(erp.memory.count(e.entryId())).isEqualTo(1);
            Delivery d = deliveries.byEntry(e.entryId()).orElseThrow();
            assertThat(d.state()).isEqualTo(Delivery.DeliveryState.DELIVERED);
            assertThat(d.moveNumber()).startsWith("M");
        }
        assertThat(erp.createdInOrder).containsExactlyElementsOf(entries.stream().map(JournalEntry::entryId).toList());
    }

    @Test
    void entriesWaitWhileTheErpIsDownAndDrainAfterwards() {
        List<JournalEntry> entries = sales(10, DAY);
        OutboxTesting.publish(outbox, entries);
        DeliveryWorker worker = worker(false);
        erp.memory.down(true);
        for (int i = 0; i < 5; i++) {
            assertThat(worker.round()).isNotNull();
        }
        assertThat(deliveries.counts()).containsEntry("PENDING", 10L);
        assertThat(deliveries.byEntry(entries.get(0).entryId()).orElseThrow().lastError()).contains("down");
        erp.memory.down(false);
        drain(worker);
        assertThat(deliveries.counts()).containsEntry("DELIVERED", 10L);
        assertThat(erp.memory.moveCount()).isEqualTo(10);
    }

    @Test
    void aMoveCreatedByACallThatTimedOutIsFoundAndNotCreatedAgain() {
        List<JournalEntry> entries = sales(10, DAY);
        OutboxTesting.publish(outbox, entries);
        DeliveryWorker worker = worker(false);
        drain(worker);
        List<JournalEntry> more = sales(10, DAY);
        OutboxTesting.publish(outbox, more);
        erp.loseAnswers = 1;
        drain(worker);
        assertThat(erp.memory.moveCount()).isEqualTo(20);
        for (JournalEntry e : more) {
            assertThat(erp.memory.count(e.entryId())).isEqualTo(1);
            assertThat(deliveries.byEntry(e.entryId()).orElseThrow().state()).isEqualTo(Delivery.DeliveryState.DELIVERED);
        }
    }

    @Test
    void aRefusedEntryWaitsForAnOperatorWithoutHoldingUpTheOthers() {
        JournalEntry october = entry("E-OCT-" + UUID.randomUUID(), LocalDate.of(2026, 10, 30), "1200", "9.00",
                "C-BETA");
        List<JournalEntry> entries = new ArrayList<>(sales(3, DAY));
        entries.add(1, october);
        OutboxTesting.publish(outbox, entries);
        erp.memory.closePeriod(YearMonth.of(2026, 10));
        DeliveryWorker worker = worker(false);
        drain(worker);
        assertThat(deliveries.counts()).containsEntry("DELIVERED", 3L).containsEntry("REFUSED", 1L);
        Delivery refused = deliveries.byEntry(october.entryId()).orElseThrow();
        assertThat(refused.lastError()).contains("closed");
        assertThat(deliveries.retry(october.entryId(), "operator", clock.instant())).contains(true);
        erp.memory.reopenPeriod(YearMonth.of(2026, 10));
        drain(worker);
        assertThat(deliveries.byEntry(october.entryId()).orElseThrow().state())
                .isEqualTo(Delivery.DeliveryState.DELIVERED);
        assertThat(erp.memory.count(october.entryId())).isEqualTo(1);
    }

    @Test
    void aRefusalIsADeliveryExceptionWithTheErpsMessageRetriedOnceAndResolvedWhenDelivered() {
        JournalEntry october = entry("E-OCT-" + UUID.randomUUID(), LocalDate.of(2026, 10, 30), "1200", "9.00",
                "C-BETA");
        List<JournalEntry> entries = new ArrayList<>(sales(2, DAY));
        entries.add(october);
        OutboxTesting.publish(outbox, entries);
        erp.memory.closePeriod(YearMonth.of(2026, 10));
        DeliveryWorker worker = worker(false);
        drain(worker);
        List<String> audit = new ArrayList<>();
        ErpDeliveryExceptions exceptions = new ErpDeliveryExceptions(deliveries, "memory:test",
                (actor, action, subject, before, after) -> audit.add(actor + " " + action + " " + subject), clock);
        assertThat(exceptions.count("OPEN")).isEqualTo(1);
        assertThat(exceptions.count("RESOLVED")).isZero();
        io.millrace.outbox.DeliveryExceptions.Item open = exceptions.list("OPEN", 0, 10).get(0);
        assertThat(open.reason()).isEqualTo("ERP_REFUSED");
        assertThat(open.subscriber()).isEqualTo("erp:memory:test");
        assertThat(open.message()).contains(october.entryId()).contains("closed");
        assertThat(open.trackingId()).isEqualTo(deliveries.byEntry(october.entryId()).orElseThrow().trackingId());
        assertThat(exceptions.find(open.id())).contains(open);
        assertThat(exceptions.find(UUID.randomUUID())).isEmpty();

        erp.memory.reopenPeriod(YearMonth.of(2026, 10));
        assertThat(exceptions.retry(open.id(), "key:k-operator")).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo("OPEN");
            assertThat(e.decidedBy()).isEqualTo("key:k-operator");
        });
        assertThat(audit).containsExactly("key:k-operator erp.delivery-retried journal-entry:" + october.entryId());
        assertThatThrownBy(() -> exceptions.retry(open.id(), "key:k-operator"))
                .isInstanceOf(io.millrace.web.ApiProblem.class);
        drain(worker);

        assertThat(exceptions.count("OPEN")).isZero();
        assertThat(exceptions.list("RESOLVED", 0, 10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(open.id());
            assertThat(e.message()).contains("delivered").contains("after a retry");
        });
        assertThat(exceptions.list(null, 0, 10)).hasSize(1);
        assertThat(erp.memory.count(october.entryId())).isEqualTo(1);
    }

    @Test
    void aRefusedEntryIsRetriedOnlyWhenRefused() {
        assertThat(deliveries.retry("no-such-entry", "operator", clock.instant())).isEmpty();
        List<JournalEntry> entries = sales(1, DAY);
        OutboxTesting.publish(outbox, entries);
        drain(worker(false));
        assertThat(deliveries.retry(entries.get(0).entryId(), "operator", clock.instant())).contains(false);
    }

    @Test
    void summarisedDeliveryPostsOneMovePerPlantAndDayOnceTheDayIsOver() {
        List<JournalEntry> today = sales(4, DAY);
        List<JournalEntry> yesterday = sales(3, DAY.minusDays(1));
        List<JournalEntry> all = new ArrayList<>(yesterday);
        all.addAll(today);
        OutboxTesting.publish(outbox, all);
        DeliveryWorker first = worker(true);
        drain(first);
        first.release();
        assertThat(erp.memory.moveCount()).isEqualTo(1);
        assertThat(deliveries.counts()).containsEntry("DELIVERED", 3L).containsEntry("PENDING", 4L);
        clock = Clock.fixed(Instant.parse("2026-11-06T01:30:00Z"), ZoneOffset.UTC);
        drain(worker(true));
        assertThat(erp.memory.moveCount()).isEqualTo(2);
        Map<String, BigDecimal> balances = erp.memory.balances(List.of("1200", "4000"), DAY.minusDays(1), DAY);
        BigDecimal expected = all.stream().map(JournalEntry::totalDebit).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(balances.get("1200")).isEqualByComparingTo(expected);
        assertThat(balances.get("4000")).isEqualByComparingTo(expected.negate());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2026, 31337})
    void everyEntryIsDeliveredExactlyOnceWhateverFailsOnTheWay(long seed) {
        Random random = new Random(seed);
        DeliveryWorker worker = worker(false);
        List<JournalEntry> all = new ArrayList<>();
        for (int batch = 0; batch < 8; batch++) {
            List<JournalEntry> entries = sales(1 + random.nextInt(15), DAY);
            all.addAll(entries);
            OutboxTesting.publish(outbox, entries);
            for (int r = 0; r < 1 + random.nextInt(4); r++) {
                erp.memory.down(random.nextInt(3) == 0);
                erp.loseAnswers = random.nextInt(3) == 0 ? 1 : 0;
                worker.round();
            }
            if (random.nextBoolean()) {
                worker.release();
                worker = worker(false);
            }
        }
        erp.memory.down(false);
        erp.loseAnswers = 0;
        drain(worker);
        assertThat(erp.memory.moveCount()).isEqualTo(all.size());
        for (JournalEntry e : all) {
            assertThat(erp.memory.count(e.entryId())).isEqualTo(1);
        }
        assertThat(deliveries.counts()).containsEntry("DELIVERED", (long) all.size());
    }

    /** The in-memory ERP, which can also lose the answer of a call that it did carry out (a timeout). */
    private static final class FlakyErp implements Erp {
        final InMemoryErp memory;
        final List<String> createdInOrder = new ArrayList<>();
        int loseAnswers;

        FlakyErp(InMemoryErp memory) {
            this.memory = memory;
        }

        @Override
        public String name() {
            return memory.name();
        }

        @Override
        public ErpReferenceData referenceData(Instant since) {
            return memory.referenceData(since);
        }

        @Override
        public List<ReleasedOrder> releasedProductionOrders(Instant since) {
            return memory.releasedProductionOrders(since);
        }

        @Override
        public List<ErpMove> movesByReference(Collection<String> references) {
            return memory.movesByReference(references);
        }

        @Override
        public List<ErpMove> createAndPost(List<MoveRequest> moves) {
            List<ErpMove> created = memory.createAndPost(moves);
            moves.forEach(m -> createdInOrder.add(m.reference()));
            if (loseAnswers > 0) {
                loseAnswers--;
                throw new ErpUnavailableException("timed out", true, null);
            }
            return created;
        }

        @Override
        public List<ErpMove> post(List<ErpMove> drafts) {
            return memory.post(drafts);
        }

        @Override
        public Map<String, BigDecimal> balances(Collection<String> codes, LocalDate from, LocalDate to) {
            return memory.balances(codes, from, to);
        }

        @Override
        public Map<String, BigDecimal> balancesOfMoves(Collection<String> references) {
            return memory.balancesOfMoves(references);
        }
    }
}
