package io.millrace.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.eventlog.Backlog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forwarder delivers every accepted event to the hub exactly once, in acceptance order, whatever the hub does. */
class ForwarderTest {

    private final EdgeRig edge = new EdgeRig();
    private final SimulatedHub hub = new SimulatedHub();

    @AfterEach
    void close() {
        edge.close();
    }

    @Test
    void sendsAcceptedEventsInAcceptanceOrderInBatches() {
        List<String> accepted = edge.accept(1, 25);

        Forwarder.Outcome outcome = EdgeRig.drain(edge.forwarder(hub, 10));

        assertThat(outcome.forwarded()).isEqualTo(25);
        assertThat(hub.logged()).isEqualTo(accepted);
        assertThat(hub.requests()).isEqualTo(3);
        assertThat(edge.store.cursor()).isEqualTo(25);
        assertThat(edge.log.backlog()).isEqualTo(new Backlog(0, 0, 25, 0));
        assertThat(edge.contact.view().reachable()).isTrue();
    }

    @Test
    void aBatchWhoseAnswerWasLostIsSentAgainAndTheHubAnswersDuplicates() {
        List<String> accepted = edge.accept(1, 10);
        hub.fail(SimulatedHub.Fault.ANSWER_LOST);

        Forwarder.Outcome lost = edge.forwarder(hub, 100).forwardNext();
        assertThat(lost.hubUnavailable()).isTrue();
        assertThat(lost.unavailable()).contains("timed out");
        assertThat(edge.store.cursor()).as("no answer, no move").isZero();

        // the edge agent restarted: a new forwarder on the same store
        Forwarder.Outcome resent = EdgeRig.drain(edge.forwarder(hub, 100));

        assertThat(resent.forwarded()).isEqualTo(10);
        assertThat(hub.logged()).as("each event once at the hub").isEqualTo(accepted);
        assertThat(edge.store.hubDuplicates()).isEqualTo(10);
        assertThat(edge.store.cursor()).isEqualTo(10);
    }

    @Test
    void aServerErrorOrNoConnectionKeepsTheBatchForLaterAndMarksTheHubUnreachable() {
        List<String> accepted = edge.accept(1, 5);
        hub.fail(SimulatedHub.Fault.SERVER_ERROR, SimulatedHub.Fault.DOWN);
        Forwarder forwarder = edge.forwarder(hub, 100);

        assertThat(forwarder.forwardNext().unavailable()).startsWith("the hub answered 503");
        assertThat(edge.contact.view().reachable()).isFalse();
        assertThat(forwarder.forwardNext().unavailable()).isEqualTo("no answer from the hub: connection refused");
        assertThat(edge.store.cursor()).isZero();
        assertThat(hub.logged()).isEmpty();

        assertThat(EdgeRig.drain(forwarder).forwarded()).isEqualTo(5);
        assertThat(hub.logged()).isEqualTo(accepted);
        assertThat(edge.contact.view().reachable()).isTrue();
    }

    @Test
    void aKeyTheHubDoesNotKnowRefusesNoEventButHoldsForwarding() {
        edge.accept(1, 3);
        hub.fail(SimulatedHub.Fault.UNKNOWN_KEY);

        Forwarder.Outcome outcome = edge.forwarder(hub, 100).forwardNext();

        assertThat(outcome.unavailable()).contains("401").contains("--key");
        assertThat(edge.rejectedIds()).isEmpty();
        assertThat(edge.store.cursor()).isZero();
        assertThat(edge.contact.view().reachable()).as("the hub did answer").isTrue();
    }

    @Test
    void aRefusedBatchIsSplitSoTheRefusedEventIsKeptAsRejectedAndTheRestGoesOnInOrder() {
        List<String> accepted = edge.accept(1, 20);
        hub.refuseAsInvalid("e-7");

        Forwarder.Outcome outcome = EdgeRig.drain(edge.forwarder(hub, 20));

        List<String> expected = new ArrayList<>(accepted);
        expected.remove(EdgeRig.SOURCE + " e-7");
        assertThat(hub.logged()).isEqualTo(expected);
        assertThat(outcome.forwarded()).isEqualTo(19);
        assertThat(outcome.rejected()).isEqualTo(1);
        assertThat(edge.rejectedIds()).containsExactly(EdgeRig.SOURCE + " e-7");
        ForwardingStore.Rejected rejected = edge.store.rejectedAfter(0, 10).get(0);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.problem()).contains("nothing of its");
        assertThat(edge.log.backlog()).isEqualTo(new Backlog(0, 0, 19, 1));
        assertThat(hub.requests()).as("halving finds the event in a few requests, not one per event")
                .isLessThan(12);
    }

    @Test
    void anIdTheHubHoldsWithOtherContentIsRejectedWithTheConflict() {
        edge.accept(1, 4);
        hub.holds(EdgeRig.SOURCE, "e-2", "{\"other\":\"content\"}");

        EdgeRig.drain(edge.forwarder(hub, 10));

        assertThat(edge.rejectedIds()).containsExactly(EdgeRig.SOURCE + " e-2");
        assertThat(edge.store.rejectedAfter(0, 10).get(0).status()).isEqualTo(409);
        assertThat(hub.logged()).containsExactly(EdgeRig.SOURCE + " e-2", EdgeRig.SOURCE + " e-1",
                EdgeRig.SOURCE + " e-3", EdgeRig.SOURCE + " e-4");
    }

    /**
     * Events arrive while the hub loses answers, fails, is down and refuses some events; the edge
     * agent restarts at random. In the end the hub holds every event it did not refuse exactly once,
     * in acceptance order, and every refused one is listed as rejected.
     */
    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 20261202L})
    void everyEventReachesTheHubOnceInOrderWhateverTheHubDoes(long seed) {
        Random random = new Random(seed);
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Forwarder forwarder = edge.forwarder(hub, 1 + random.nextInt(50));
        int next = 1;
        for (int round = 0; round < 60; round++) {
            int count = random.nextInt(30);
            if (count > 0) {
                for (int n = next; n < next + count; n++) {
                    if (random.nextInt(40) == 0) {
                        hub.refuseAsInvalid("e-" + n);
                        refused.add(EdgeRig.SOURCE + " e-" + n);
                    }
                }
                accepted.addAll(edge.accept(next, next + count - 1));
                next += count;
            }
            SimulatedHub.Fault[] faults = SimulatedHub.Fault.values();
            if (random.nextInt(3) == 0) {
                hub.fail(faults[random.nextInt(faults.length)]);
            }
            if (random.nextInt(5) == 0) {
                forwarder = edge.forwarder(hub, 1 + random.nextInt(50)); // a restart
            }
            for (int steps = random.nextInt(4); steps > 0; steps--) {
                forwarder.forwardNext();
            }
        }
        Forwarder.Outcome last;
        do {
            last = EdgeRig.drain(forwarder);
        } while (last.hubUnavailable());

        List<String> expected = new ArrayList<>(accepted);
        expected.removeAll(refused);
        assertThat(hub.logged()).as("every event once, in acceptance order").isEqualTo(expected);
        assertThat(edge.rejectedIds()).as("every refused event kept").isEqualTo(refused);
        assertThat(edge.log.backlog()).isEqualTo(new Backlog(0, 0, expected.size(), refused.size()));
        assertThat(edge.store.cursor()).isEqualTo(accepted.size());
    }
}
