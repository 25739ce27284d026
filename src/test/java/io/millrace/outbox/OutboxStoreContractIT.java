package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.testing.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/** The outbox tables and the outbox's transactional behaviour, on H2 and PostgreSQL. */
class OutboxStoreContractIT {

    private static final String JOURNAL = "mfg.finance.journal.posted";
    private static final String INVOICE = "mfg.finance.invoice.issued";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final URI URL = URI.create("http://127.0.0.1:9/hook");

    private TestDatabase db;
    private Outbox outbox;
    private OutboxStore store;
    private TransactionTemplate transactions;

    private void start(TestDatabase.Kind kind, OutboxProperties.Webhook... webhooks) {
        db = TestDatabase.create(kind);
        outbox = new Outbox(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC), OutboxProperties.defaults(List.of(webhooks)));
        store = outbox.store();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private static OutboxMessage message(String type, String subject, UUID trackingId) {
        return new OutboxMessage(type, subject, "P100", "MO-1", trackingId,
                JsonNodeFactory.instance.objectNode().put("subject", subject));
    }

    private List<String> sequencedSubjects() {
        return new JdbcTemplate(db.dataSource()).queryForList(
                "SELECT subject FROM outbox_message WHERE position IS NOT NULL ORDER BY position", String.class);
    }

    private long rows() {
        return new JdbcTemplate(db.dataSource()).queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void enqueueJoinsTheCallersTransactionSoARollbackLeavesNothing(TestDatabase.Kind kind) {
        start(kind);
        UUID tracking = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            outbox.enqueue(List.of(message(JOURNAL, "E-1", tracking), message(INVOICE, "INV-1", tracking)));
            throw new IllegalStateException("posting failed after the outbox write");
        })).hasMessageContaining("posting failed");
        assertThat(rows()).isZero();

        transactions.executeWithoutResult(tx -> outbox.enqueue(List.of(message(JOURNAL, "E-1", tracking),
                message(INVOICE, "INV-1", tracking))));
        assertThat(rows()).isEqualTo(2);
        assertThat(outbox.forEvent(tracking)).extracting(OutboundRecord::type, OutboundRecord::subject,
                        OutboundRecord::createdAt, OutboundRecord::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(JOURNAL, "E-1", NOW, 1L),
                        org.assertj.core.groups.Tuple.tuple(INVOICE, "INV-1", NOW, 2L));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void positionsFollowCommitsSoAWriterWaitsForAnEarlierUncommittedOneAndComesAfter(TestDatabase.Kind kind)
            throws Exception {
        start(kind);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            outbox.enqueue(List.of(message(JOURNAL, "slow-1", null), message(JOURNAL, "slow-2", null)));
            written.countDown();
            await(release);
        }));
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                tx -> outbox.enqueue(List.of(message(JOURNAL, "fast", null)))));

        Thread.sleep(300);
        assertThat(fast).as("waits for the uncommitted writer").isNotDone();
        assertThat(store.highWater()).as("nothing uncommitted is visible").isZero();
        assertThat(store.readAfter(0, Long.MAX_VALUE, List.of(), 10)).isEmpty();
        release.countDown();
        slow.get(30, TimeUnit.SECONDS);
        fast.get(30, TimeUnit.SECONDS);

        assertThat(sequencedSubjects()).containsExactly("slow-1", "slow-2", "fast");
        assertThat(store.highWater()).isEqualTo(3);
        assertThat(store.sequence(1000)).as("nothing is left without a position").isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void messagesAHubBeforeTheUpgradeLeftWithoutPositionsAreSequencedAfterTheOthers(TestDatabase.Kind kind) {
        start(kind);
        outbox.enqueue(List.of(message(JOURNAL, "new-1", null)));
        new JdbcTemplate(db.dataSource()).update("INSERT INTO outbox_message (event_id, type, source, subject, plant, event_time, data) "
                + "VALUES (?, ?, 'urn:millrace:hub', 'old-1', 'P100', ?, '{}')", UUID.randomUUID(), JOURNAL,
                java.time.OffsetDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC));

        assertThat(store.sequence(1000)).isEqualTo(1);

        assertThat(sequencedSubjects()).containsExactly("new-1", "old-1");
        assertThat(store.highWater()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void readsAfterAPositionUpToTheHighWaterOfTheSubscribedTypesOnly(TestDatabase.Kind kind) {
        start(kind);
        outbox.enqueue(List.of(message(JOURNAL, "a", null), message(INVOICE, "b", null), message(JOURNAL, "c", null),
                message(INVOICE, "d", null)));
        store.sequence(1000);

        assertThat(store.readAfter(0, 4, List.of(), 10)).extracting(StoredMessage::subject)
                .containsExactly("a", "b", "c", "d");
        assertThat(store.readAfter(1, 4, List.of(INVOICE), 10)).extracting(StoredMessage::position)
                .containsExactly(2L, 4L);
        assertThat(store.readAfter(0, 3, List.of(INVOICE), 10)).extracting(StoredMessage::subject).containsExactly("b");
        assertThat(store.readAfter(0, 4, List.of(), 2)).hasSize(2);
        StoredMessage first = store.readAfter(0, 4, List.of(), 1).get(0);
        assertThat(first.source()).isEqualTo("urn:millrace:hub");
        assertThat(first.time()).isEqualTo(NOW);
        assertThat(first.data()).isEqualTo("{\"subject\":\"a\"}");
        outbox.enqueue(List.of(message(INVOICE, "e", null)));
        assertThat(store.undelivered(2, List.of(INVOICE))).isEqualTo(2);
        assertThat(store.undelivered(0, List.of())).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void oneOwnerHoldsASubscribersLeaseUntilItExpiresAndALostLeaseRecordsNothing(TestDatabase.Kind kind) {
        start(kind);
        store.register("erp");
        store.register("erp");
        outbox.enqueue(List.of(message(JOURNAL, "a", null), message(JOURNAL, "b", null)));
        store.sequence(10);
        Duration lease = Duration.ofSeconds(30);

        assertThat(store.acquireLease("erp", "hub-a", NOW, NOW.plus(lease))).isTrue();
        assertThat(store.acquireLease("erp", "hub-b", NOW.plusSeconds(29), NOW.plusSeconds(59))).isFalse();
        assertThat(store.acquireLease("erp", "hub-a", NOW.plusSeconds(10), NOW.plusSeconds(40))).isTrue();
        assertThat(store.acquireLease("erp", "hub-b", NOW.plusSeconds(41), NOW.plusSeconds(71))).isTrue();

        assertThat(store.recordDelivered("erp", "hub-a", 0, 1, 1, NOW)).isFalse();
        assertThat(store.recordFailure("erp", "hub-a", 1, "HTTP 500", NOW)).isZero();
        assertThat(store.recordDelivered("erp", "hub-b", 0, 1, 1, NOW)).isTrue();
        assertThat(store.recordDelivered("erp", "hub-b", 0, 2, 1, NOW)).as("progress moved on meanwhile").isFalse();
        assertThat(store.progress("erp").orElseThrow().deliveredPosition()).isEqualTo(1);

        store.releaseLease("erp", "hub-b");
        assertThat(store.acquireLease("erp", "hub-a", NOW.plusSeconds(42), NOW.plusSeconds(72))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void lineageShowsDeliveredFailedPendingAndSkippedPerSubscriber(TestDatabase.Kind kind) {
        start(kind, OutboxProperties.Webhook.of("erp", URL),
                new OutboxProperties.Webhook("bi", URL, List.of(INVOICE), null, 1));
        UUID tracking = UUID.randomUUID();
        outbox.enqueue(List.of(message(JOURNAL, "E-1", tracking), message(INVOICE, "INV-1", tracking),
                message(JOURNAL, "E-2", tracking)));
        assertThat(outbox.forEvent(tracking)).allSatisfy(r -> assertThat(r.deliveries())
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING)));
        store.sequence(10);
        store.register("erp");
        store.register("bi");
        store.acquireLease("erp", "hub-a", NOW, NOW.plusSeconds(30));
        store.acquireLease("bi", "hub-a", NOW, NOW.plusSeconds(30));
        Instant deliveredAt = NOW.plusSeconds(5);
        store.recordDelivered("erp", "hub-a", 0, 1, 1, deliveredAt);
        store.recordFailure("erp", "hub-a", 2, "HTTP 503: busy", NOW.plusSeconds(6));
        store.recordFailure("erp", "hub-a", 2, "ConnectException", NOW.plusSeconds(7));
        store.skipTo("bi", "hub-a", 0, 3);

        List<OutboundRecord> records = outbox.forEvent(tracking);

        assertThat(records).extracting(OutboundRecord::position).containsExactly(1L, 2L, 3L);
        assertThat(records.get(0).deliveries()).containsExactly(
                new SubscriberDelivery("erp", DeliveryStatus.DELIVERED, deliveredAt, 0, null));
        assertThat(records.get(1).deliveries()).containsExactly(
                new SubscriberDelivery("erp", DeliveryStatus.FAILED, null, 2, "ConnectException"),
                new SubscriberDelivery("bi", DeliveryStatus.SKIPPED, null, 0, null));
        assertThat(records.get(2).deliveries()).containsExactly(
                new SubscriberDelivery("erp", DeliveryStatus.PENDING, null, 0, null));
        assertThat(records.get(0).id()).isNotEqualTo(records.get(1).id());
        assertThat(outbox.forEvent(UUID.randomUUID())).isEmpty();
    }
}
