package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/** Delivery to local webhook subscribers: order, failures and recovery, circuit, restart, filters, signatures. */
class WebhookDeliveryIT {

    private static final String JOURNAL = "mfg.finance.journal.posted";
    private static final String INVOICE = "mfg.finance.invoice.issued";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private TestDatabase db;

    /** One hub instance: its outbox and dispatcher on the shared database. */
    private final class Hub {
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final Outbox outbox;
        final OutboxDispatcher dispatcher;

        /** A hub that sets nothing aside within a test's time. */
        Hub(OutboxProperties.Webhook... webhooks) {
            this(new OutboxProperties.DeadLetter(1000, 1000, Duration.ofHours(1)), webhooks);
        }

        Hub(OutboxProperties.DeadLetter deadLetter, OutboxProperties.Webhook... webhooks) {
            OutboxProperties settings = new OutboxProperties(true, Duration.ofMillis(50), Duration.ofSeconds(30),
                    Duration.ofSeconds(1), Duration.ofSeconds(5),
                    new OutboxProperties.Retry(Duration.ofMillis(20), Duration.ofMillis(200)),
                    new OutboxProperties.CircuitBreaker(3, Duration.ofMillis(300)), List.of(webhooks))
                    .withDeadLetter(deadLetter);
            outbox = new Outbox(db.dataSource(), Clock.systemUTC(), settings);
            dispatcher = new OutboxDispatcher(outbox, settings, Clock.systemUTC(), meters);
            dispatcher.start();
            hubs.add(this);
        }

        /** Writes the messages in one transaction, as the posting pipeline does. */
        void post(List<OutboxMessage> messages) {
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()))
                    .executeWithoutResult(tx -> outbox.enqueue(messages));
        }

        double counter(String name, String subscriber) {
            var counter = meters.find(name).tag("subscriber", subscriber).counter();
            return counter == null ? 0 : counter.count();
        }

        double gauge(String name, String subscriber) {
            return meters.get(name).tag("subscriber", subscriber).gauge().value();
        }

        void stop() {
            dispatcher.stop();
        }
    }

    private void database(TestDatabase.Kind kind) {
        db = TestDatabase.create(kind);
    }

    private Receiver receiver() {
        Receiver receiver = new Receiver();
        closeLast.add(receiver);
        return receiver;
    }

    @AfterEach
    void stopEverything() throws Exception {
        hubs.forEach(Hub::stop);
        for (AutoCloseable c : closeLast) {
            c.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static List<OutboxMessage> messages(String prefix, int count, String... types) {
        UUID tracking = UUID.randomUUID();
        return IntStream.range(0, count).mapToObj(i -> new OutboxMessage(types[i % types.length], prefix + i, "P100",
                "MO-1", tracking, JsonNodeFactory.instance.objectNode().put("n", i))).toList();
    }

    private static List<String> subjects(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::subject).toList();
    }

    private static OutboxProperties.Webhook webhook(String name, Receiver receiver) {
        return OutboxProperties.Webhook.of(name, receiver.url());
    }

    @Test
    void everySubscriberGetsEveryMessageInOrderAsAStructuredCloudEvent() {
        database(TestDatabase.Kind.H2);
        Receiver erp = receiver();
        Receiver bi = receiver();
        Hub hub = new Hub(webhook("erp", erp), webhook("bi", bi));
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<OutboxMessage> batch = messages("T" + t + "-", 5, JOURNAL, INVOICE);
            hub.post(batch);
            expected.addAll(subjects(batch));
        }

        await().atMost(PATIENCE).until(() -> erp.subjects().size() == 20 && bi.subjects().size() == 20);

        assertThat(erp.subjects()).containsExactlyElementsOf(expected);
        assertThat(bi.subjects()).containsExactlyElementsOf(expected);
        assertThat(erp.ids()).doesNotHaveDuplicates().containsExactlyElementsOf(bi.ids());
        assertThat(erp.requests()).allSatisfy(r -> assertThat(r.contentType()).startsWith("application/cloudevents+json"));
        assertThat(erp.events()).extracting(e -> e.get("sequence").asLong())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(Long::valueOf).toList());
        assertThat(erp.events().get(0).get("source").asString()).isEqualTo("urn:millrace:hub");
        await().atMost(PATIENCE).until(() -> hub.counter("millrace.outbox.delivered", "erp") == 20
                && hub.gauge("millrace.outbox.lag", "erp") == 0);
        UUID tracking = UUID.fromString(erp.events().get(0).get("trackingid").asString());
        assertThat(hub.outbox.forEvent(tracking)).hasSize(5).allSatisfy(r -> assertThat(r.deliveries())
                .extracting(SubscriberDelivery::status).containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED));
    }

    @Test
    void aSubscriberAnsweringErrorsCatchesUpInOrderOnceRecoveredWithoutHoldingUpTheOther() {
        database(TestDatabase.Kind.H2);
        Receiver failing = receiver();
        Receiver healthy = receiver();
        failing.answerWith(500);
        Hub hub = new Hub(webhook("failing", failing), webhook("healthy", healthy));
        List<OutboxMessage> first = messages("A", 6, JOURNAL);
        List<OutboxMessage> second = messages("B", 6, INVOICE);
        hub.post(first);
        hub.post(second);

        await().atMost(PATIENCE).until(() -> healthy.subjects().size() == 12 && failing.requests().size() >= 3);
        assertThat(failing.events()).isEmpty();
        // the subscriber has answered the third request a moment before the hub counts its failure
        await().atMost(PATIENCE).until(() -> hub.counter("millrace.outbox.delivery.failures", "failing") >= 3);
        await().atMost(PATIENCE).until(() -> hub.gauge("millrace.outbox.lag", "failing") == 12);
        SubscriberDelivery head = hub.outbox.forEvent(first.get(0).trackingId()).get(0).deliveries().get(0);
        assertThat(head.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(head.attempts()).isPositive();
        assertThat(head.lastError()).isEqualTo("HTTP 500: subscriber says 500");

        failing.answerWith(204);

        await().atMost(PATIENCE).until(() -> failing.subjects().size() >= 12);
        List<String> expected = new ArrayList<>(subjects(first));
        expected.addAll(subjects(second));
        assertThat(failing.subjects()).containsExactlyElementsOf(expected);
        assertThat(healthy.subjects()).containsExactlyElementsOf(expected);
        assertThat(failing.ids()).doesNotHaveDuplicates();
        await().atMost(PATIENCE).until(() -> hub.gauge("millrace.outbox.lag", "failing") == 0);
    }

    @Test
    void theCircuitOpensWhileTheSubscriberRefusesConnectionsAndClosesWhenItIsBack() {
        database(TestDatabase.Kind.H2);
        Receiver down = receiver();
        Receiver other = receiver();
        down.goDown();
        Hub hub = new Hub(webhook("down", down), webhook("other", other));
        List<OutboxMessage> sent = messages("C", 8, JOURNAL);
        hub.post(sent);

        await().atMost(PATIENCE).until(() -> hub.dispatcher.circuitState("down") == CircuitBreaker.State.OPEN);
        assertThat(hub.gauge("millrace.outbox.circuit.state", "down")).isNotZero();
        await().atMost(PATIENCE).until(() -> other.subjects().size() == 8);
        assertThat(hub.dispatcher.circuitState("other")).isEqualTo(CircuitBreaker.State.CLOSED);
        SubscriberDelivery head = hub.outbox.forEvent(sent.get(0).trackingId()).get(0).deliveries().get(0);
        assertThat(head.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(head.lastError()).contains("ConnectException");

        down.resume();

        await().atMost(PATIENCE).until(() -> down.subjects().size() >= 8);
        assertThat(down.subjects()).containsExactlyElementsOf(subjects(sent));
        await().atMost(PATIENCE).until(() -> hub.dispatcher.circuitState("down") == CircuitBreaker.State.CLOSED);
        assertThat(hub.gauge("millrace.outbox.circuit.state", "down")).isZero();
    }

    @Test
    void aRestartedHubResumesFromTheStoredProgressWithoutRepeatingDeliveries() {
        database(TestDatabase.Kind.H2);
        Receiver erp = receiver();
        Hub before = new Hub(webhook("erp", erp));
        List<OutboxMessage> first = messages("R", 5, JOURNAL);
        before.post(first);
        // stopped once the progress is stored: a stop between the answer and the record sends again (at least once)
        await().atMost(PATIENCE).until(() -> erp.subjects().size() == 5
                && before.counter("millrace.outbox.delivered", "erp") == 5);
        before.stop();
        List<OutboxMessage> whileDown = messages("S", 5, INVOICE);
        before.post(whileDown);

        Hub after = new Hub(webhook("erp", erp));

        await().atMost(PATIENCE).until(() -> erp.subjects().size() >= 10);
        List<String> expected = new ArrayList<>(subjects(first));
        expected.addAll(subjects(whileDown));
        assertThat(erp.subjects()).containsExactlyElementsOf(expected);
        assertThat(erp.ids()).doesNotHaveDuplicates();
        await().atMost(PATIENCE).until(() -> after.counter("millrace.outbox.delivered", "erp") == 5);
    }

    @Test
    void aSubscriberWithTypesGetsOnlyThoseAndASecretSignsEveryBody() {
        database(TestDatabase.Kind.H2);
        Receiver ledger = receiver();
        Receiver everything = receiver();
        Hub hub = new Hub(new OutboxProperties.Webhook("gl", ledger.url(), List.of(JOURNAL), "s3cret", 1),
                webhook("all", everything));
        List<OutboxMessage> sent = messages("F", 9, JOURNAL, INVOICE, INVOICE);
        hub.post(sent);

        await().atMost(PATIENCE).until(() -> everything.subjects().size() == 9 && ledger.subjects().size() == 3);

        assertThat(ledger.subjects()).containsExactly("F0", "F3", "F6");
        assertThat(ledger.requests()).allSatisfy(r -> assertThat(r.signature())
                .isEqualTo(Signatures.sign("s3cret", r.body())).startsWith("sha256="));
        assertThat(everything.requests()).allSatisfy(r -> assertThat(r.signature()).isNull());
        await().atMost(PATIENCE).until(() -> hub.gauge("millrace.outbox.lag", "gl") == 0);
        assertThat(hub.outbox.forEvent(sent.get(1).trackingId()).get(1).deliveries())
                .extracting(SubscriberDelivery::subscriber).containsExactly("all");
    }

    @Test
    void aBatchingSubscriberGetsSmallBatchesInOrder() {
        database(TestDatabase.Kind.H2);
        Receiver bulk = receiver();
        bulk.goDown();
        Hub hub = new Hub(new OutboxProperties.Webhook("bulk", bulk.url(), List.of(), null, 4));
        List<OutboxMessage> sent = messages("B", 10, JOURNAL);
        hub.post(sent);
        await().atMost(PATIENCE).until(() -> hub.counter("millrace.outbox.delivery.failures", "bulk") >= 1);

        bulk.resume();

        await().atMost(PATIENCE).until(() -> bulk.subjects().size() >= 10);
        assertThat(bulk.subjects()).containsExactlyElementsOf(subjects(sent));
        assertThat(bulk.requests()).allSatisfy(r ->
                assertThat(r.contentType()).startsWith("application/cloudevents-batch+json"));
        assertThat(bulk.requests()).extracting(r -> OutboxJson.MAPPER.readTree(r.body()).size())
                .allSatisfy(size -> assertThat(size).isBetween(1, 4)).contains(4);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoHubInstancesOnOneDatabaseDeliverEachMessageOnceInOrder(TestDatabase.Kind kind) {
        database(kind);
        Receiver erp = receiver();
        Hub one = new Hub(webhook("erp", erp));
        Hub two = new Hub(webhook("erp", erp));
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            List<OutboxMessage> batch = messages("M" + t + "-", 3, JOURNAL);
            (t % 2 == 0 ? one : two).post(batch);
            expected.addAll(subjects(batch));
        }

        await().atMost(PATIENCE).until(() -> erp.subjects().size() >= 30);

        assertThat(erp.subjects()).containsExactlyElementsOf(expected);
        assertThat(Set.copyOf(erp.ids())).hasSize(30);
        await().atMost(PATIENCE).until(() -> one.counter("millrace.outbox.delivered", "erp")
                + two.counter("millrace.outbox.delivered", "erp") == 30);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aMessageTheSubscriberRefusesIsSetAsideWithoutHoldingUpOthersAndDeliveredInOrderAfterAnOperatorsRetry(
            TestDatabase.Kind kind) {
        database(kind);
        Receiver mes = receiver();
        Receiver other = receiver();
        mes.answerFor("D1", 422);
        Hub hub = new Hub(new OutboxProperties.DeadLetter(3, 1000, Duration.ofHours(1)), webhook("mes", mes),
                webhook("other", other));
        List<OutboxMessage> sent = new ArrayList<>(messages("D", 4, JOURNAL));
        // a later message of the refused one's subject: it must not overtake it
        sent.add(new OutboxMessage(INVOICE, "D1", "P100", "MO-1", sent.get(0).trackingId(),
                JsonNodeFactory.instance.objectNode().put("n", 99)));
        sent.addAll(messages("E", 3, JOURNAL));
        hub.post(sent);

        await().atMost(PATIENCE).until(() -> mes.subjects().size() == 6 && other.subjects().size() == 8);
        assertThat(mes.subjects()).containsExactly("D0", "D2", "D3", "E0", "E1", "E2");
        assertThat(mes.requests().stream().filter(r -> r.answered() == 422)).hasSize(3);
        List<Object[]> audit = new ArrayList<>();
        DeadLetterExceptions exceptions = new DeadLetterExceptions(hub.outbox,
                (actor, action, subject, before, after) -> audit.add(new Object[] {actor, action, subject}),
                new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(Clock.class));
        assertThat(exceptions.list(DeliveryExceptions.OPEN, 0, 10)).singleElement().satisfies(e -> {
            assertThat(e.subscriber()).isEqualTo("mes");
            assertThat(e.reason()).isEqualTo("SUBSCRIBER_REFUSED");
            assertThat(e.type()).isEqualTo(JOURNAL);
            assertThat(e.trackingId()).isEqualTo(sent.get(0).trackingId());
            assertThat(e.message()).contains("HTTP 422: subscriber says 422").contains("3 attempt(s)");
        });
        assertThat(hub.outbox.forEvent(sent.get(0).trackingId())).extracting(r -> r.deliveries().get(0).status())
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.SET_ASIDE, DeliveryStatus.DELIVERED,
                        DeliveryStatus.DELIVERED, DeliveryStatus.HELD);
        await().atMost(PATIENCE).until(() -> hub.gauge("millrace.outbox.lag", "mes") == 0);

        mes.answerFor("D1", 0);
        UUID id = exceptions.list(DeliveryExceptions.OPEN, 0, 10).get(0).id();
        assertThat(exceptions.retry(id, "key:operator")).get().extracting(DeliveryExceptions.Item::decidedBy)
                .isEqualTo("key:operator");
        assertThat(audit).singleElement().satisfies(a -> assertThat(a).containsExactly("key:operator",
                "subscriber.dead-letter-retried", "subscriber:mes"));

        await().atMost(PATIENCE).until(() -> mes.subjects().size() == 8);
        assertThat(mes.subjects()).containsExactly("D0", "D2", "D3", "E0", "E1", "E2", "D1", "D1");
        assertThat(mes.events().get(6).get("sequence").asLong()).isLessThan(mes.events().get(7).get("sequence")
                .asLong());
        assertThat(mes.ids()).doesNotHaveDuplicates();
        await().atMost(PATIENCE).until(() -> exceptions.count(DeliveryExceptions.OPEN) == 0);
        assertThat(exceptions.list(DeliveryExceptions.RESOLVED, 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(id));
        assertThat(hub.outbox.forEvent(sent.get(0).trackingId())).extracting(r -> r.deliveries().get(0).status())
                .containsOnly(DeliveryStatus.DELIVERED);
    }

    @Test
    void aBatchThatKeepsFailingIsSentOneByOneSoThatOnlyTheFailingMessageIsSetAside() {
        database(TestDatabase.Kind.H2);
        Receiver bulk = receiver();
        bulk.answerFor("G5", 500);
        Hub hub = new Hub(new OutboxProperties.DeadLetter(3, 4, Duration.ofHours(1)),
                new OutboxProperties.Webhook("bulk", bulk.url(), List.of(), null, 4));
        List<OutboxMessage> sent = messages("G", 10, JOURNAL);
        hub.post(sent);

        await().atMost(PATIENCE).until(() -> bulk.subjects().size() == 9);
        assertThat(bulk.subjects()).containsExactly("G0", "G1", "G2", "G3", "G4", "G6", "G7", "G8", "G9");
        assertThat(hub.outbox.forEvent(sent.get(0).trackingId()).get(5).deliveries().get(0)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SET_ASIDE);
            assertThat(d.lastError()).isEqualTo("HTTP 500: subscriber says 500");
        });
    }

    @Test
    void aSubscriberThatCannotBeReachedIsWaitedForAndNothingIsSetAside() {
        database(TestDatabase.Kind.H2);
        Receiver down = receiver();
        down.goDown();
        Hub hub = new Hub(new OutboxProperties.DeadLetter(1, 1, Duration.ofMillis(1)), webhook("down", down));
        List<OutboxMessage> sent = messages("U", 3, JOURNAL);
        hub.post(sent);
        await().atMost(PATIENCE).until(() -> hub.counter("millrace.outbox.delivery.failures", "down") >= 5);

        down.resume();

        await().atMost(PATIENCE).until(() -> down.subjects().size() >= 3);
        assertThat(down.subjects()).containsExactlyElementsOf(subjects(sent));
        assertThat(hub.outbox.store().countWaiting("down")).isZero();
    }
}
