package io.millrace.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every event log adapter guarantees. Each adapter's test extends this class and says how to
 * make a fresh, empty log.
 */
public abstract class EventLogContract {

    protected static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private TestDatabase database;
    protected EventLog log;

    /** A fresh, migrated database of the adapter's kind (or null for adapters without one). */
    protected abstract TestDatabase newDatabase();

    protected abstract EventLog newLog(TestDatabase database, Clock clock);

    @BeforeEach
    void openLog() {
        database = newDatabase();
        log = newLog(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeLog() {
        if (database != null) {
            database.close();
        }
    }

    protected static NewEvent event(String source, String id, String quantity) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\","
                + "\"type\":\"mfg.production.order.completed\",\"time\":\"2026-11-26T08:15:00Z\","
                + "\"plant\":\"P100\",\"subject\":\"MO-1\",\"data\":{\"orderId\":\"MO-1\",\"item\":\"FG-1\","
                + "\"lot\":\"L-1\",\"quantity\":" + quantity + ",\"uom\":\"pcs\",\"location\":\"P100-FG\"}}";
        return NewEvent.of(source, id, "mfg.production.order.completed", "P100", "MO-1", "order:MO-1", null,
                Instant.parse("2026-11-26T08:15:00Z"), "k-test", json);
    }

    private static Receipt onlyReceipt(AppendResult result) {
        assertThat(result).isInstanceOf(AppendResult.Appended.class);
        List<Receipt> receipts = ((AppendResult.Appended) result).receipts();
        assertThat(receipts).hasSize(1);
        return receipts.get(0);
    }

    private static List<Receipt> receipts(AppendResult result) {
        assertThat(result).isInstanceOf(AppendResult.Appended.class);
        return ((AppendResult.Appended) result).receipts();
    }

    private static List<Conflict> conflicts(AppendResult result) {
        assertThat(result).isInstanceOf(AppendResult.Conflicting.class);
        return ((AppendResult.Conflicting) result).conflicts();
    }

    @Test
    void appendedEventIsFoundByItsTrackingIdWithEverythingItWasGiven() {
        Receipt receipt = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));

        assertThat(receipt.status()).isEqualTo(Receipt.Status.ACCEPTED);
        LoggedEvent found = log.find(receipt.trackingId()).orElseThrow();
        assertThat(found.source()).isEqualTo("urn:s:mes");
        assertThat(found.id()).isEqualTo("e-1");
        assertThat(found.type()).isEqualTo("mfg.production.order.completed");
        assertThat(found.plant()).isEqualTo("P100");
        assertThat(found.subject()).isEqualTo("MO-1");
        assertThat(found.businessKey()).isEqualTo("order:MO-1");
        assertThat(found.eventTime()).isEqualTo(Instant.parse("2026-11-26T08:15:00Z"));
        assertThat(found.acceptedAt()).isEqualTo(NOW);
        assertThat(found.producerKeyId()).isEqualTo("k-test");
        assertThat(found.json()).isEqualTo(event("urn:s:mes", "e-1", "5").json());
        assertThat(found.state()).isEqualTo(EventState.PENDING);
    }

    @Test
    void correlationIdDefaultsToTheBusinessKey() {
        Receipt receipt = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));

        assertThat(log.find(receipt.trackingId()).orElseThrow().correlationId()).isEqualTo("order:MO-1");
    }

    @Test
    void findAllAnswersTheKnownEventsInAcceptanceOrderAndLeavesUnknownIdsOut() {
        Receipt first = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));
        Receipt second = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-2", "6"))));

        List<LoggedEvent> found = log.findAll(List.of(second.trackingId(), UUID.randomUUID(), first.trackingId(),
                second.trackingId()));

        assertThat(found).extracting(LoggedEvent::trackingId).containsExactly(first.trackingId(), second.trackingId());
        assertThat(log.findAll(List.of())).isEmpty();
    }

    @Test
    void statesAnswerTheCurrentStateOfTheKnownEventsAndLeaveUnknownIdsOut() {
        Receipt first = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));
        Receipt second = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-2", "6"))));
        log.transition(List.of(new StateChange(second.trackingId(), EventState.PENDING, EventState.PARKED)));

        assertThat(log.states(List.of(first.trackingId(), second.trackingId(), UUID.randomUUID(), first.trackingId())))
                .containsOnly(Map.entry(first.trackingId(), EventState.PENDING),
                        Map.entry(second.trackingId(), EventState.PARKED));
        assertThat(log.states(List.of())).isEmpty();
    }

    @Test
    void unknownTrackingIdIsNotFound() {
        assertThat(log.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void resendWithIdenticalContentIsDuplicateAnsweredWithTheOriginalTrackingId() {
        Receipt first = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));

        Receipt again = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));

        assertThat(again.status()).isEqualTo(Receipt.Status.DUPLICATE);
        assertThat(again.trackingId()).isEqualTo(first.trackingId());
        assertThat(log.readAfter(0, 100)).hasSize(1);
    }

    @Test
    void resendWithReorderedMembersAndEquivalentNumberNotationIsStillDuplicate() {
        Receipt first = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));
        NewEvent original = event("urn:s:mes", "e-1", "5.0");
        String reordered = original.json().replace("{\"specversion\":\"1.0\",\"id\":\"e-1\",",
                "{\"id\":\"e-1\",\"specversion\":\"1.0\",");
        NewEvent resent = NewEvent.of(original.source(), original.id(), original.type(), original.plant(),
                original.subject(), original.businessKey(), null, original.eventTime(), "k-other", reordered);

        Receipt again = onlyReceipt(log.append(List.of(resent)));

        assertThat(again.status()).isEqualTo(Receipt.Status.DUPLICATE);
        assertThat(again.trackingId()).isEqualTo(first.trackingId());
    }

    @Test
    void sameIdWithDifferentContentIsConflictNamingTheDifferingFieldsAndAppendsNothingOfTheBatch() {
        Receipt first = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));

        AppendResult result = log.append(List.of(event("urn:s:mes", "e-2", "1"), event("urn:s:mes", "e-1", "6")));

        List<Conflict> conflicts = conflicts(result);
        assertThat(conflicts).hasSize(1);
        Conflict conflict = conflicts.get(0);
        assertThat(conflict.index()).isEqualTo(1);
        assertThat(conflict.source()).isEqualTo("urn:s:mes");
        assertThat(conflict.id()).isEqualTo("e-1");
        assertThat(conflict.existingTrackingId()).isEqualTo(first.trackingId());
        assertThat(conflict.differingFields()).containsExactly("/data/quantity");
        assertThat(log.readAfter(0, 100)).extracting(LoggedEvent::id).containsExactly("e-1");
    }

    @Test
    void sameIdFromAnotherSourceIsAnotherEvent() {
        Receipt a = onlyReceipt(log.append(List.of(event("urn:s:mes", "e-1", "5"))));
        Receipt b = onlyReceipt(log.append(List.of(event("urn:s:wms", "e-1", "5"))));

        assertThat(b.status()).isEqualTo(Receipt.Status.ACCEPTED);
        assertThat(b.trackingId()).isNotEqualTo(a.trackingId());
    }

    @Test
    void identicalEventTwiceInOneBatchIsStoredOnceAndTheSecondIsDuplicateOfTheFirst() {
        List<Receipt> receipts = receipts(log.append(List.of(event("urn:s:mes", "e-1", "5"),
                event("urn:s:mes", "e-2", "5"), event("urn:s:mes", "e-1", "5"))));

        assertThat(receipts).extracting(Receipt::status).containsExactly(Receipt.Status.ACCEPTED,
                Receipt.Status.ACCEPTED, Receipt.Status.DUPLICATE);
        assertThat(receipts.get(2).trackingId()).isEqualTo(receipts.get(0).trackingId());
        assertThat(log.readAfter(0, 100)).hasSize(2);
    }

    @Test
    void differentEventsUnderOneIdInOneBatchConflictAndNothingIsAppended() {
        List<Conflict> conflicts = conflicts(log.append(List.of(event("urn:s:mes", "e-1", "5"),
                event("urn:s:mes", "e-1", "7"))));

        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.index()).isEqualTo(1);
            assertThat(c.earlierIndex()).isEqualTo(0);
            assertThat(c.existingTrackingId()).isNull();
            assertThat(c.differingFields()).containsExactly("/data/quantity");
        });
        assertThat(log.readAfter(0, 100)).isEmpty();
    }

    @Test
    void readingFromAPositionAnswersEventsInAcceptanceOrderWithIncreasingPositions() {
        log.append(List.of(event("urn:s:mes", "a", "1"), event("urn:s:mes", "b", "1")));
        log.append(List.of(event("urn:s:mes", "c", "1")));
        log.append(List.of(event("urn:s:mes", "a", "1"), event("urn:s:mes", "d", "1")));

        List<LoggedEvent> all = log.readAfter(0, 100);
        assertThat(all).extracting(LoggedEvent::id).containsExactly("a", "b", "c", "d");
        assertThat(all).extracting(LoggedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(log.readAfter(all.get(1).position(), 1)).extracting(LoggedEvent::id).containsExactly("c");
        assertThat(log.readAfter(all.get(3).position(), 10)).isEmpty();
    }

    @Test
    void backlogCountsEventsByState() {
        List<Receipt> receipts = receipts(log.append(List.of(event("urn:s:mes", "a", "1"),
                event("urn:s:mes", "b", "1"), event("urn:s:mes", "c", "1"), event("urn:s:mes", "d", "1"))));
        assertThat(log.backlog()).isEqualTo(new Backlog(4, 0, 0, 0));

        log.transition(List.of(new StateChange(receipts.get(0).trackingId(), EventState.PENDING, EventState.PARKED),
                new StateChange(receipts.get(1).trackingId(), EventState.PENDING, EventState.EXCEPTION),
                new StateChange(receipts.get(2).trackingId(), EventState.PENDING, EventState.POSTED)));
        assertThatThrownBy(() -> log.transition(List.of(
                new StateChange(receipts.get(3).trackingId(), EventState.PENDING, EventState.POSTED),
                new StateChange(UUID.randomUUID(), EventState.PENDING, EventState.POSTED))))
                .as("an unknown event fails the whole transition").isInstanceOf(EventLogFailure.class);
        assertThatThrownBy(() -> log.transition(List.of(
                new StateChange(receipts.get(2).trackingId(), EventState.PENDING, EventState.POSTED))))
                .as("an event no longer in the state the change starts from").isInstanceOf(EventLogFailure.class);

        assertThat(log.backlog()).isEqualTo(new Backlog(1, 1, 1, 1));
        assertThat(log.find(receipts.get(0).trackingId()).orElseThrow().state()).isEqualTo(EventState.PARKED);
    }

    @Test
    void concurrentAppendersLoseNothingAndPositionsFollowCommitOrderWithoutGaps() throws Exception {
        Random random = new Random(42);
        int producers = 4;
        int batches = 10;
        List<Callable<List<Receipt>>> work = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            int batchSize = 1 + random.nextInt(30);
            work.add(() -> {
                List<Receipt> all = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    List<NewEvent> batch = new ArrayList<>();
                    for (int e = 0; e < batchSize; e++) {
                        batch.add(event("urn:s:p" + producer, b + "-" + e, "1"));
                    }
                    // every producer also resends one shared event: exactly one of them appends it
                    batch.add(event("urn:s:shared", "b" + b, "1"));
                    all.addAll(receipts(log.append(batch)));
                }
                return all;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Receipt> receipts = new ArrayList<>();
        try {
            for (Future<List<Receipt>> f : pool.invokeAll(work)) {
                receipts.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<LoggedEvent> logged = log.readAfter(0, 100_000);
        long accepted = receipts.stream().filter(r -> r.status() == Receipt.Status.ACCEPTED).count();
        assertThat(logged).hasSize((int) accepted);
        for (int i = 0; i < logged.size(); i++) {
            assertThat(logged.get(i).position()).isEqualTo(i + 1L);
        }
        assertThat(receipts.stream().filter(r -> r.source().equals("urn:s:shared"))
                .map(Receipt::trackingId).distinct()).hasSize(batches);
        assertThat(receipts).allSatisfy(r -> assertThat(log.find(r.trackingId())).isPresent());
    }
}
