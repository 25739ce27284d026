package io.millrace.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TrafficSenderTest {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private static SendSettings settings(int rate, long events, int batch, int concurrency, int maxAttempts) {
        return new SendSettings(rate, null, events, batch, concurrency, Duration.ofMinutes(10), Duration.ofMillis(5),
                maxAttempts);
    }

    private static List<ObjectNode> traffic(int count) {
        return PlantTraffic.generate(PlantTrafficTest.MASTER, List.of("P100", "P200"), 42, count);
    }

    private SendSummary send(TinyHub hub, SendSettings settings, List<ObjectNode> events) {
        HubClient client = new HubClient(hub.url(), "K", Duration.ofSeconds(10));
        return new TrafficSender(client, settings, lines::add).run(events.iterator());
    }

    @Test
    void resendsTheSameBatchAfterA429AndCountsEveryEventOnce() throws Exception {
        try (TinyHub hub = new TinyHub(n -> n == 2 ? 429 : 202)) {
            List<ObjectNode> events = traffic(600);

            SendSummary summary = send(hub, settings(0, 600, 200, 1, 5), events);

            assertThat(summary.sent()).isEqualTo(600);
            assertThat(summary.accepted()).isEqualTo(600);
            assertThat(summary.duplicates()).isZero();
            assertThat(summary.rejected()).isZero();
            assertThat(summary.retries()).isEqualTo(1);
            assertThat(summary.clean()).isTrue();
            assertThat(hub.requests).hasSize(4);
            assertThat(hub.acceptedBodies().get(2)).isEqualTo(hub.acceptedBodies().get(1));
            assertThat(hub.requests).allSatisfy(r -> {
                assertThat(r.contentType()).isEqualTo("application/cloudevents-batch+json");
                assertThat(r.authorization()).isEqualTo("Bearer K");
            });
            assertThat(lines).anyMatch(l -> l.startsWith("simulate: done in") && l.contains("sent 600, accepted 600"));
        }
    }

    @Test
    void sendsEveryGeneratedEventExactlyAsGeneratedWithSeveralRequestsInFlight() throws Exception {
        try (TinyHub hub = new TinyHub(n -> n % 3 == 0 ? 503 : 202)) {
            List<ObjectNode> events = traffic(1000);

            SendSummary summary = send(hub, settings(0, 1000, 64, 4, 5), events);

            assertThat(summary.accepted()).isEqualTo(1000);
            assertThat(summary.retries()).isPositive();
            List<String> received = new ArrayList<>();
            hub.acceptedBodies().forEach(b -> b.forEach(e -> received.add(TrafficSender.MAPPER.writeValueAsString(e))));
            assertThat(received.stream().distinct()).containsExactlyInAnyOrderElementsOf(
                    events.stream().map(TrafficSender.MAPPER::writeValueAsString).toList());
        }
    }

    @Test
    void countsDuplicatesWhenTheSameSeedIsSentTwice() throws Exception {
        try (TinyHub hub = new TinyHub(n -> 202)) {
            send(hub, settings(0, 300, 100, 2, 3), traffic(300));
            SendSummary second = send(hub, settings(0, 300, 100, 2, 3), traffic(300));

            assertThat(second.duplicates()).isEqualTo(300);
            assertThat(second.accepted()).isZero();
        }
    }

    @Test
    void reportsARejectedBatchWithItsProblemAndDoesNotResendIt() throws Exception {
        try (TinyHub hub = new TinyHub(n -> n == 1 ? 400 : 202)) {
            SendSummary summary = send(hub, settings(0, 300, 100, 1, 5), traffic(300));

            assertThat(summary.rejected()).isEqualTo(100);
            assertThat(summary.accepted()).isEqualTo(200);
            assertThat(summary.retries()).isZero();
            assertThat(summary.clean()).isFalse();
            assertThat(hub.requests).hasSize(3);
            assertThat(lines).anyMatch(l -> l.contains("rejected: 400 scripted answer 400; event 1 /data/quantity: "
                    + "must be greater than 0"));
        }
    }

    @Test
    void stopsWhenTheHubRefusesTheKey() throws Exception {
        try (TinyHub hub = new TinyHub(n -> 401)) {
            SendSummary summary = send(hub, settings(0, 1000, 100, 1, 5), traffic(1000));

            assertThat(summary.failure()).contains("refused the key").contains("401");
            assertThat(summary.sent()).isZero();
            assertThat(hub.requests).hasSize(1);
        }
    }

    @Test
    void givesUpWhenTheHubStaysUnreachable() throws Exception {
        TinyHub hub = new TinyHub(n -> 202);
        hub.close();

        SendSummary summary = send(hub, settings(0, 500, 100, 1, 3), traffic(500));

        assertThat(summary.failure()).contains("after 3 attempts");
        assertThat(summary.sent()).isZero();
        assertThat(summary.unsent()).isPositive();
        assertThat(summary.retries()).isEqualTo(2);
    }

    @Test
    void keepsBatchesToOneSecondOfTrafficAtTheTargetRateAndStopsAtTheEventCount() throws Exception {
        try (TinyHub hub = new TinyHub(n -> 202)) {
            SendSummary summary = send(hub, settings(100, 250, 200, 2, 3), traffic(400));

            assertThat(summary.sent()).isEqualTo(250);
            assertThat(hub.acceptedBodies()).extracting(JsonNode::size).containsExactlyInAnyOrder(100, 100, 50);
        }
    }

    @Test
    void readsTheMasterDataFromTheHub() throws Exception {
        try (TinyHub hub = new TinyHub(n -> 202)) {
            MasterDataSet master = new HubClient(hub.url(), "K", Duration.ofSeconds(5)).masterData();

            assertThat(master).isEqualTo(PlantTrafficTest.MASTER);
            assertThat(master.purchaseOrder("4500001").orElseThrow().line(10).orElseThrow().unitPrice())
                    .isEqualByComparingTo("2.10");
        }
    }
}
