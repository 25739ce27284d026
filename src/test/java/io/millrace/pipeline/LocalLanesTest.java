package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.eventlog.LoggedEvent;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lanes by plant within one hub (ADR 0020), with real threads: whatever the number of lanes, a
 * restart half-way (the lanes' memory gone) or a change of that number between runs, the
 * simulator's traffic with early events and transfers between plants ends in the books of the
 * single applier, every event posted once.
 */
class LocalLanesTest {

    private static final MasterDataSet MASTER = MasterDataSet.fromResource("/demo/master-data.json");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** {@code lanesBefore} and {@code lanesAfter} the restart; 1 is the single applier of the whole log. */
    @ParameterizedTest(name = "{0} lanes, then {1}, seed {2}")
    @CsvSource({"2, 2, 11", "3, 2, 12", "1, 4, 13", "4, 1, 14"})
    void lanesOfPlantsEndInTheBooksOfTheSingleApplierWithEveryEventPostedOnce(int lanesBefore, int lanesAfter,
                                                                              long seed) {
        Random random = new Random(seed);
        List<ObjectNode> stream = new ArrayList<>(PlantTraffic.generate(MASTER, PlantTraffic.runnablePlants(MASTER),
                20261203L + seed, 1500, Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC),
                TrafficOptions.defaults().withEarlyEvents(true)));
        PartitionedApplyingTest.mixInTransfersBetweenPlants(stream, random);
        Map<String, Object> reference;
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            TransitReceipts receipts = PartitionedApplyingTest.receipts(rig);
            rig.append(stream);
            do {
                rig.drain();
            } while (receipts.publishPending() > 0);
            rig.drain();
            reference = PartitionedApplyingTest.withReceiptsCounted(PartitionedApplyingTest.books(rig));
        }

        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            TransitReceipts receipts = PartitionedApplyingTest.receipts(rig);
            int half = stream.size() / 2;
            Run first = new Run(rig, lanesBefore);
            int received = feed(rig, receipts, stream.subList(0, half), first, random);
            first.stop(); // whatever the lanes held in memory is gone; the database says where to go on
            Run second = new Run(rig, lanesAfter);
            received += feed(rig, receipts, stream.subList(half, stream.size()), second, random);
            int[] more = {0};
            await(() -> {
                more[0] += receipts.publishPending();
                second.step();
                return rig.states().keySet().equals(java.util.Set.of("POSTED"))
                        && rig.ledger.transfersInTransit(null).isEmpty()
                        && rig.store.cursorPosition() == lastPosition(rig);
            });
            second.stop();
            received += more[0];

            assertThat(received).as("every transfer between plants received once")
                    .isEqualTo(PartitionedApplyingTest.TRANSFERS);
            assertThat(PartitionedApplyingTest.withReceiptsCounted(PartitionedApplyingTest.books(rig)))
                    .isEqualTo(reference);
            StreamIndependenceTest.assertInvariants(rig);
        }
    }

    @Test
    void theLowWaterMarkStaysBelowAnEventItsLaneHasNotCommitted() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            List<ObjectNode> stream = PlantTraffic.generate(MASTER, PlantTraffic.runnablePlants(MASTER), 7L, 300,
                    Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC), TrafficOptions.defaults());
            rig.append(stream);
            LocalLanes lanes = rig.localLanes(2);
            assertThat(lanes.lowWater()).as("nothing read yet").isEqualTo(-1);
            lanes.start();
            try {
                await(() -> rig.states().keySet().equals(java.util.Set.of("POSTED")) && lanes.lowWater() == 300);
                await(() -> rig.store.cursorPosition() == 300);
            } finally {
                lanes.stop();
            }
        }
    }

    /** Appends {@code events} in requests of random size while the run applies; receipts published at random moments. */
    private static int feed(PipelineRig rig, TransitReceipts receipts, List<ObjectNode> events, Run run,
                            Random random) {
        int received = 0;
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(80));
            rig.append(events.subList(from, to));
            from = to;
            if (random.nextInt(3) == 0) {
                received += receipts.publishPending();
            }
            run.step();
            sleep(random.nextInt(15));
        }
        return received;
    }

    /** One run of the hub: lanes on their threads, or the single applier driven from the test's thread. */
    private static final class Run {
        private final PipelineRig rig;
        private final LocalLanes lanes;

        Run(PipelineRig rig, int lanes) {
            this.rig = rig;
            this.lanes = lanes > 1 ? rig.localLanes(lanes) : null;
            if (this.lanes != null) {
                this.lanes.start();
            }
        }

        void step() {
            if (lanes == null) {
                rig.drain();
            }
        }

        void stop() {
            if (lanes != null) {
                lanes.stop();
            }
        }
    }

    private static long lastPosition(PipelineRig rig) {
        return rig.log.readAfter(0, Integer.MAX_VALUE).stream().mapToLong(LoggedEvent::position).max().orElseThrow();
    }

    private static void await(BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within " + PATIENCE);
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
