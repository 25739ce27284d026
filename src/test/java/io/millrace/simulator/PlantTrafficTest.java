package io.millrace.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PlantTrafficTest {

    static final MasterDataSet MASTER = MasterDataSet.fromResource("/simulator/master-data.json");
    private static final List<String> BOTH = List.of("P100", "P200");

    @Test
    void sameSeedGivesTheSameStream() {
        List<ObjectNode> first = PlantTraffic.generate(MASTER, BOTH, 42, 3000);
        List<ObjectNode> second = PlantTraffic.generate(MASTER, BOTH, 42, 3000);

        assertThat(first).hasSize(3000).isEqualTo(second);
    }

    @Test
    void differentSeedsUseDifferentIdsOrdersAndLots() {
        List<ObjectNode> a = PlantTraffic.generate(MASTER, List.of("P200"), 1, 500);
        List<ObjectNode> b = PlantTraffic.generate(MASTER, List.of("P200"), 2, 500);

        Set<String> keysA = keys(a);
        keysA.retainAll(keys(b));
        assertThat(keysA).isEmpty();
        assertThat(a).isNotEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 7777, -5})
    void everyEventPostsWhenAppliedInTheOrderEmitted(long seed) {
        PostingPreconditions hub = new PostingPreconditions(MASTER);
        List<ObjectNode> events = PlantTraffic.generate(MASTER, BOTH, seed, 6000);

        assertThat(events).hasSize(6000);
        for (int i = 0; i < events.size(); i++) {
            String problem = hub.apply(events.get(i));
            assertThat(problem).as("event %d %s", i, events.get(i)).isNull();
        }
    }

    @Test
    void streamCoversEveryEventTypeAndTheWholeOrderLifecycle() {
        List<ObjectNode> events = PlantTraffic.generate(MASTER, List.of("P200"), 42, 8000);

        Set<String> types = new HashSet<>();
        events.forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).containsExactlyInAnyOrderElementsOf(EventShapes.TYPES);
        assertThat(events).anyMatch(e -> e.get("data").path("backflush").asBoolean(false));
        assertThat(events).anyMatch(e -> e.get("type").asString().endsWith("lot.rejected")
                && e.get("data").get("disposition").asString().equals("SCRAP"));
    }

    @Test
    void semiFinishedFramesAreMadeByTheirOwnOrdersBeforeCartsConsumeThem() {
        List<ObjectNode> events = PlantTraffic.generate(MASTER, List.of("P200"), 9, 4000);

        Map<String, Integer> frameCompleted = new HashMap<>();
        int firstFrameConsumption = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode d = e.get("data");
            if (e.get("type").asString().endsWith("order.completed") && d.get("item").asString().equals("SF-FRAME")) {
                assertThat(d.get("location").asString()).isEqualTo("P200-LINE");
                frameCompleted.putIfAbsent(d.get("lot").asString(), i);
            }
            if (e.get("type").asString().endsWith("material.consumed") && d.get("item").asString().equals("SF-FRAME")) {
                assertThat(frameCompleted).containsKey(d.get("lot").asString());
                firstFrameConsumption = firstFrameConsumption < 0 ? i : firstFrameConsumption;
            }
        }
        assertThat(frameCompleted).isNotEmpty();
        assertThat(events).anyMatch(e -> e.get("type").asString().endsWith("order.completed")
                && e.get("data").get("item").asString().equals("FG-CART"));
    }

    @Test
    void aPlantWithSmallOrdersRunsOutOfWorkWithEveryOrderClosed() {
        List<ObjectNode> events = PlantTraffic.generate(MASTER, List.of("P100"), 3, 100_000);
        PostingPreconditions hub = new PostingPreconditions(MASTER);
        events.forEach(e -> assertThat(hub.apply(e)).as("%s", e).isNull());

        assertThat(events.size()).isBetween(20, 99_999);
        assertThat(hub.orders()).isNotEmpty().allSatisfy((id, state) -> assertThat(state).isEqualTo("CLOSED"));
        assertThat(events).anyMatch(e -> e.get("type").asString().endsWith("shipment.confirmed"));
    }

    @Test
    void idsAreUniquePerSourceAndEventsCarryTheirClockTime() {
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-05-04T10:15:30.123456Z"), ZoneOffset.UTC);
        List<ObjectNode> events = PlantTraffic.generate(MASTER, BOTH, 5, 3000, clock, TrafficOptions.defaults());

        Set<String> ids = new HashSet<>();
        events.forEach(e -> assertThat(ids.add(e.get("source").asString() + " " + e.get("id").asString())).isTrue());
        assertThat(events).allSatisfy(e -> assertThat(e.get("time").asString()).isEqualTo("2026-05-04T10:15:30.123Z"));
        assertThat(events).extracting(e -> e.get("source").asString()).contains(
                "urn:millrace:plant:P100:mes", "urn:millrace:plant:P200:wms", "urn:millrace:plant:P200:qms",
                "urn:millrace:plant:P200:erp", "urn:millrace:plant:P200:tms");
    }

    @Test
    void earlyEventsArriveBeforeTheirDependenciesAndAllPostOnceParkedEventsAreRetried() {
        List<ObjectNode> events = PlantTraffic.generate(MASTER, BOTH, 11, 4000,
                Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC), TrafficOptions.defaults().withEarlyEvents(true));
        PostingPreconditions hub = new PostingPreconditions(MASTER);
        List<ObjectNode> parked = new ArrayList<>();
        int everParked = 0;
        for (ObjectNode e : events) {
            if (hub.apply(e) != null) {
                parked.add(e);
                everParked++;
                continue;
            }
            retry(hub, parked);
        }

        assertThat(everParked).isGreaterThan(0);
        assertThat(parked).isEmpty();
        assertThat(PlantTraffic.generate(MASTER, BOTH, 11, 4000)).isNotEqualTo(events);
    }

    @Test
    void earlyEventsAreOffByDefault() {
        PostingPreconditions hub = new PostingPreconditions(MASTER);
        for (ObjectNode e : PlantTraffic.generate(MASTER, BOTH, 11, 4000)) {
            assertThat(hub.apply(e)).isNull();
        }
    }

    @Test
    void runsEveryPlantThatSellsWhatItCanMakeAndExplainsAPlantThatCannot() {
        assertThat(PlantTraffic.runnablePlants(MASTER)).containsExactly("P100", "P200");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlantTraffic.generate(MASTER, List.of("P300"), 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown plant P300");
    }

    @Test
    void iteratorContinuesTheSameStreamAsGenerate() {
        PlantTraffic traffic = new PlantTraffic(MASTER, BOTH, 77, Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC));
        List<ObjectNode> streamed = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            streamed.add(traffic.next());
        }

        assertThat(streamed).isEqualTo(PlantTraffic.generate(MASTER, BOTH, 77, 1500));
        assertThat(traffic.hasNext()).isTrue();
    }

    private static void retry(PostingPreconditions hub, List<ObjectNode> parked) {
        boolean progress = true;
        while (progress) {
            progress = parked.removeIf(p -> hub.apply(p) == null);
        }
    }

    private static Set<String> keys(List<ObjectNode> events) {
        Set<String> keys = new LinkedHashSet<>();
        for (ObjectNode e : events) {
            keys.add(e.get("id").asString());
            JsonNode d = e.get("data");
            for (String f : List.of("orderId", "lot", "receiptId", "transferId", "shipmentId", "invoiceId", "countId")) {
                if (d.has(f)) {
                    keys.add(d.get(f).asString());
                }
            }
        }
        return keys;
    }
}
