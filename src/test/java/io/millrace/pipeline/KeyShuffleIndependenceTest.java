package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.CountAdjusted;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.catalog.EventCatalog;
import io.millrace.eventlog.EventState;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every business key shuffled: a stream of commuting events (the simulator without backflushed
 * completions and counts, ADR 0004) fed with the order within each key kept but the keys
 * interleaved at random, and by two producers racing with the keys split between them, ends in the
 * same books as the stream in its own order. The last two tests show why the two left-out kinds do
 * not commute with events of other keys.
 */
class KeyShuffleIndependenceTest {

    private static final MasterDataSet MASTER = MasterDataSet.fromResource("/demo/master-data.json");
    private static final EventCatalog CATALOG = EventCatalog.loadDefault();
    private static final int EVENTS = 3000;

    record Books(Map<String, String> trialBalance, Map<String, String> inventory, Map<String, String> orders) {
    }

    @Test
    void commutingEventsEndInTheSameBooksHoweverEveryBusinessKeyIsInterleavedAndWhicheverProducerIsFirst()
            throws Exception {
        List<String> plants = PlantTraffic.runnablePlants(MASTER);
        assertThat(plants).hasSizeGreaterThan(1);
        List<ObjectNode> stream = PlantTraffic.generate(MASTER, plants, 20261201L, EVENTS,
                Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC),
                TrafficOptions.defaults().withEarlyEvents(true).withCommutingOnly(true));
        assertCommutingButVaried(stream);
        Set<String> keys = new LinkedHashSet<>();
        stream.forEach(e -> keys.add(CATALOG.businessKey(e)));

        long started = System.nanoTime();
        Books reference = run(stream, null).books();
        System.out.printf("key shuffle: %d events, %d business keys, %d plants; reference %d accounts, %d stock rows,"
                        + " %d orders and PO lines%n", stream.size(), keys.size(), plants.size(),
                reference.trialBalance().size(), reference.inventory().size(), reference.orders().size());

        for (long seed = 1; seed <= 4; seed++) {
            List<ObjectNode> shuffled = StreamIndependenceTest.interleaved(stream, CATALOG::businessKey,
                    new Random(seed));
            Run run = run(shuffled, null);
            System.out.printf("key shuffle seed %d: %d events parked on the way%n", seed, run.parked());
            assertThat(run.parked()).as("the shuffle makes events arrive before what they depend on").isPositive();
            assertThat(run.books()).as("every key shuffled, seed " + seed).isEqualTo(reference);
        }
        for (long seed = 11; seed <= 12; seed++) {
            Random random = new Random(seed);
            List<ObjectNode> shuffled = StreamIndependenceTest.interleaved(stream, CATALOG::businessKey, random);
            Set<String> firstProducersKeys = new HashSet<>();
            keys.forEach(k -> {
                if (random.nextBoolean()) {
                    firstProducersKeys.add(k);
                }
            });
            Run run = run(shuffled, firstProducersKeys);
            System.out.printf("two producers racing, seed %d: %d events parked on the way%n", seed, run.parked());
            assertThat(run.books()).as("two producers racing, keys split, seed " + seed).isEqualTo(reference);
        }
        System.out.printf("key shuffle: 7 runs in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aBackflushAppliedBeforeAnotherOrdersConsumptionTakesTheLotThatConsumptionNamed() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            rig.accept("P100", receipt("GR-1", 10, "RM-STEEL", "L-ST-1", "400"),
                    receipt("GR-2", 10, "RM-STEEL", "L-ST-2", "400"), receipt("GR-3", 20, "RM-PAINT", "L-PT-1", "50"),
                    toLine("RM-STEEL", "L-ST-1", "300"), toLine("RM-STEEL", "L-ST-2", "300"),
                    toLine("RM-PAINT", "L-PT-1", "50"),
                    new OrderReleased("MO-1", "FG-BRACKET", d("100"), "ea"),
                    new OrderReleased("MO-2", "FG-BRACKET", d("100"), "ea"));
            // the MES sent MO-2's consumption of L-ST-1 first; the backflush of MO-1 then drew L-ST-2
            // in its own order. Key MO-1 arriving first, its backflush takes the oldest lot, L-ST-1:
            rig.accept("P100", new OrderCompleted("MO-1", "FG-BRACKET", "L-FG-1", d("100"), "ea", "P100-FG", true));
            UUID consumption = rig.accept("P100",
                    new MaterialConsumed("MO-2", "RM-STEEL", "L-ST-1", d("300"), "kg", "P100-LINE")).get(0);
            rig.drain();

            assertThat(rig.inventory()).doesNotContainKey("P100/P100-LINE/RM-STEEL/L-ST-1/UNRESTRICTED")
                    .containsEntry("P100/P100-LINE/RM-STEEL/L-ST-2/UNRESTRICTED", "300");
            assertThat(rig.state(consumption)).as("nothing will ever bring L-ST-1 back").isEqualTo(EventState.PARKED);
        }
    }

    @Test
    void aCountAppliedBeforeTheReceiptOfItsLotEndsWithDifferentStockThanAfterIt() {
        Map<String, String> countLast = countAndReceipt(false);
        Map<String, String> countFirst = countAndReceipt(true);
        assertThat(countLast).containsEntry("P100/P100-RM/RM-STEEL/L-ST-1/UNRESTRICTED", "990");
        assertThat(countFirst).containsEntry("P100/P100-RM/RM-STEEL/L-ST-1/UNRESTRICTED", "1990");
    }

    private static Map<String, String> countAndReceipt(boolean countFirst) {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            GoodsReceived receipt = receipt("GR-1", 10, "RM-STEEL", "L-ST-1", "1000");
            CountAdjusted count = new CountAdjusted("CNT-1", "RM-STEEL", "L-ST-1", "P100-RM", d("990"), "kg");
            if (countFirst) {
                rig.accept("P100", count, receipt);
            } else {
                rig.accept("P100", receipt, count);
            }
            rig.drain();
            assertThat(rig.states()).containsOnlyKeys("POSTED");
            return rig.inventory();
        }
    }

    private static GoodsReceived receipt(String id, int line, String item, String lot, String quantity) {
        return new GoodsReceived(id, "4500001", line, item, lot, d(quantity), item.equals("RM-PAINT") ? "l" : "kg",
                "P100-RM");
    }

    private static StockTransferred toLine(String item, String lot, String quantity) {
        return new StockTransferred("TR-" + lot, item, lot, d(quantity), item.equals("RM-PAINT") ? "l" : "kg",
                "P100-RM", "P100-LINE", null);
    }

    /** The stream has no event of the two non-commuting kinds, but every other kind the simulator sends. */
    private static void assertCommutingButVaried(List<ObjectNode> stream) {
        assertThat(stream).hasSizeGreaterThanOrEqualTo(EVENTS); // plus what early events still waited for
        assertThat(stream).noneMatch(e -> e.get("type").asString().equals("mfg.inventory.count.adjusted"))
                .noneMatch(e -> e.get("data").path("backflush").asBoolean(false));
        Set<String> types = new HashSet<>();
        stream.forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).contains("mfg.production.order.released", "mfg.production.material.consumed",
                "mfg.production.operation.confirmed", "mfg.production.scrap.declared",
                "mfg.production.order.completed", "mfg.production.order.closed", "mfg.procurement.goods.received",
                "mfg.procurement.invoice.received", "mfg.inventory.stock.transferred", "mfg.quality.lot.held",
                "mfg.quality.lot.released", "mfg.fulfillment.shipment.confirmed");
    }

    private record Run(Books books, long parked) {
    }

    /** Applies the stream (split by key between two racing producers when {@code firstProducersKeys} is set). */
    private static Run run(List<ObjectNode> stream, Set<String> firstProducersKeys) throws Exception {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            if (firstProducersKeys == null) {
                for (int from = 0; from < stream.size(); from += 100) {
                    rig.append(stream.subList(from, Math.min(stream.size(), from + 100)));
                    rig.processor.applyNext(150);
                }
            } else {
                race(rig, stream, firstProducersKeys);
            }
            rig.drain();
            Map<String, Long> states = rig.states();
            if (states.containsKey("PARKED")) {
                rig.store.parkedRows().stream().limit(12).forEach(r -> System.out.println("PARKED " + r.position()
                        + " " + rig.log.find(r.trackingId()).orElseThrow().type() + " " + rig.log.find(r.trackingId())
                        .orElseThrow().businessKey() + " " + r.reason() + " " + r.message()));
            }
            assertThat(states).as("every event posted").containsOnlyKeys("POSTED");
            assertThat(states.get("POSTED")).isEqualTo(stream.size());
            StreamIndependenceTest.assertInvariants(rig);
            long parked = Math.round(rig.meters.find("millrace.events.parked").counters().stream()
                    .mapToDouble(c -> c.count()).sum());
            return new Run(new Books(rig.trialBalance(), rig.inventory(), rig.orderStates()), parked);
        }
    }

    private static void race(PipelineRig rig, List<ObjectNode> stream, Set<String> firstProducersKeys)
            throws Exception {
        List<ObjectNode> first = new ArrayList<>();
        List<ObjectNode> second = new ArrayList<>();
        stream.forEach(e -> (firstProducersKeys.contains(CATALOG.businessKey(e)) ? first : second).add(e));
        rig.race(first, second);
    }
}
