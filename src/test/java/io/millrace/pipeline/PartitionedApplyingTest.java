package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.CountAdjusted;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.posting.ReasonCode;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.kafka.KafkaReplication;
import io.millrace.pipeline.PartitionProcessor.Delivery;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applying shared out by partition (ADR 0005), without a broker: a simulated events topic (the
 * producer's partitioner over the accepted events, offsets per partition in acceptance order) is
 * delivered to two instances, each with its own parked sets in memory, over one database.
 */
class PartitionedApplyingTest {

    private static final MasterDataSet MASTER = MasterDataSet.fromResource("/demo/master-data.json");
    private static final int PARTITIONS = 6;

    /** The accepted events as the events topic holds them: per partition, in acceptance order. */
    static final class Topic {
        final Partitioning partitioning;
        final Map<Integer, List<Delivery>> partitions = new HashMap<>();
        private long readUpTo;

        /** Keyed as the hub keys the events topic: by plant. */
        Topic(int partitions) {
            this(partitions, KafkaReplication::key);
        }

        Topic(int partitions, java.util.function.Function<LoggedEvent, String> key) {
            partitioning = new Partitioning("events", partitions,
                    e -> KafkaReplication.partition(key.apply(e), partitions));
            IntStream.range(0, partitions).forEach(p -> this.partitions.put(p, new ArrayList<>()));
        }

        /**
         * Keyed by business key, so that one plant's events wait for one another across partitions: the
         * hub's own keying leaves that to transfers between plants, and the processor must handle it alike.
         */
        static Topic byBusinessKey(int partitions) {
            return new Topic(partitions, LoggedEvent::businessKey);
        }

        /** Produces what the log accepted since the last call, as the append hook does. */
        void produce(PipelineRig rig) {
            for (LoggedEvent e : rig.log.readAfter(readUpTo, Integer.MAX_VALUE)) {
                List<Delivery> records = partitions.get(partitioning.of(e));
                records.add(new Delivery(partitioning.of(e), records.size(), e.trackingId()));
                readUpTo = e.position();
            }
        }

        int partitionOf(PipelineRig rig, UUID trackingId) {
            return partitioning.of(rig.log.find(trackingId).orElseThrow());
        }
    }

    /** One instance's consumer: its partitions and where it reads each. */
    static final class Consumer {
        final PartitionProcessor processor;
        final Map<Integer, Long> positions = new HashMap<>();

        Consumer(PartitionProcessor processor) {
            this.processor = processor;
        }

        void assign(List<Integer> partitions) {
            positions.putAll(processor.assigned(partitions));
        }

        void revoke(List<Integer> partitions) {
            processor.revoked(partitions);
            partitions.forEach(positions::remove);
        }

        /** Up to {@code max} records from its partitions, as a poll returns them, and moves on past them. */
        List<Delivery> poll(Topic topic, int max, Random random) {
            List<Delivery> out = new ArrayList<>();
            List<Integer> order = new ArrayList<>(positions.keySet());
            java.util.Collections.shuffle(order, random);
            for (int p : order) {
                List<Delivery> records = topic.partitions.get(p);
                int from = (int) (long) positions.get(p);
                int to = Math.min(records.size(), from + Math.max(1, max / order.size()));
                out.addAll(records.subList(from, to));
                positions.put(p, (long) to);
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void twoInstancesSharingThePartitionsEndInTheBooksOfOneLaneWithEveryEventPostedOnce(long seed) {
        List<ObjectNode> stream = PlantTraffic.generate(MASTER, PlantTraffic.runnablePlants(MASTER), 20261127L, 2000,
                Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC),
                TrafficOptions.defaults().withEarlyEvents(true));
        Map<String, Object> reference;
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            for (int from = 0; from < stream.size(); from += 100) {
                rig.append(stream.subList(from, Math.min(stream.size(), from + 100)));
            }
            rig.drain();
            reference = books(rig);
        }

        Random random = new Random(seed);
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            Topic topic = new Topic(PARTITIONS);
            Consumer a = new Consumer(rig.partitionProcessor(topic.partitioning));
            Consumer b = new Consumer(rig.partitionProcessor(topic.partitioning));
            a.assign(List.of(0, 1, 2));
            b.assign(List.of(3, 4, 5));
            boolean rebalanced = false;
            for (int from = 0; from < stream.size(); from += 100) {
                rig.append(stream.subList(from, Math.min(stream.size(), from + 100)));
                topic.produce(rig);
                Consumer next = random.nextBoolean() ? a : b;
                List<Delivery> polled = next.poll(topic, 60, random);
                next.processor.apply(polled);
                if (random.nextInt(4) == 0) {
                    next.processor.apply(polled); // redelivered, as after a rebalance before the group's commit
                }
                if (!rebalanced && from >= stream.size() / 2) {
                    // instance b dies; the group moves its partitions to a, which resumes at the stored offsets
                    b.revoke(List.of(3, 4, 5));
                    a.assign(List.of(3, 4, 5));
                    rebalanced = true;
                }
            }
            drainAll(topic, random, a);
            assertThat(books(rig)).isEqualTo(reference);
            assertThat(rig.states()).containsOnlyKeys("POSTED");
            StreamIndependenceTest.assertInvariants(rig);
        }
    }

    /**
     * Transfers between plants in both directions mixed into the traffic: each is shipped in the
     * sending plant's partition and received in the receiving plant's, whenever the hub's transit
     * receipts get to it, and a move of the arriving lot within the receiving plant waits for it.
     * Interleavings, redeliveries and a rebalance end in the books of one lane that received
     * everything at the end.
     */
    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void transfersBetweenPlantsAreReceivedOnceInTheReceivingPlantsPartitionWhateverTheInterleaving(long seed) {
        Random random = new Random(seed);
        List<ObjectNode> stream = new ArrayList<>(PlantTraffic.generate(MASTER, PlantTraffic.runnablePlants(MASTER),
                20261203L, 800, Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC),
                TrafficOptions.defaults().withEarlyEvents(true)));
        mixInTransfersBetweenPlants(stream, random);
        Map<String, Object> reference;
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            TransitReceipts receipts = receipts(rig);
            rig.append(stream);
            do {
                rig.drain();
            } while (receipts.publishPending() > 0);
            rig.drain();
            reference = withReceiptsCounted(books(rig));
            assertThat(rig.ledger.transfersInTransit(null)).isEmpty();
        }

        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            TransitReceipts receipts = receipts(rig);
            Topic topic = new Topic(PARTITIONS);
            Consumer a = new Consumer(rig.partitionProcessor(topic.partitioning));
            Consumer b = new Consumer(rig.partitionProcessor(topic.partitioning));
            a.assign(List.of(0, 1, 2));
            b.assign(List.of(3, 4, 5));
            int received = 0;
            for (int from = 0; from < stream.size(); from += 50) {
                rig.append(stream.subList(from, Math.min(stream.size(), from + 50)));
                if (random.nextBoolean()) {
                    received += receipts.publishPending();
                }
                topic.produce(rig);
                Consumer next = random.nextBoolean() ? a : b;
                List<Delivery> polled = next.poll(topic, 40, random);
                next.processor.apply(polled);
                if (random.nextInt(4) == 0) {
                    next.processor.apply(polled);
                }
                if (from == 400) {
                    b.revoke(List.of(3, 4, 5));
                    a.assign(List.of(3, 4, 5));
                }
            }
            do {
                drainAll(topic, random, a);
                received += receipts.publishPending();
                topic.produce(rig);
            } while (topic.partitions.entrySet().stream()
                    .anyMatch(p -> a.positions.get(p.getKey()) < p.getValue().size()));
            drainAll(topic, random, a);

            assertThat(received).as("every transfer between plants received once").isEqualTo(TRANSFERS);
            assertThat(withReceiptsCounted(books(rig))).isEqualTo(reference);
            assertThat(rig.states()).containsOnlyKeys("POSTED");
            assertThat(rig.ledger.transfersInTransit(null)).isEmpty();
            StreamIndependenceTest.assertInvariants(rig);
        }
    }

    static final int TRANSFERS = 12;

    /**
     * Lots of their own, so that the traffic is unchanged: each appears by a count at the sending
     * plant's store, travels to the other plant's store and moves on to its quality area there.
     */
    static void mixInTransfersBetweenPlants(List<ObjectNode> stream, Random random) {
        Instant time = PlantTraffic.DEFAULT_TIME;
        for (int i = 0; i < TRANSFERS; i++) {
            String from = i % 2 == 0 ? "P100" : "P200";
            String to = i % 2 == 0 ? "P200" : "P100";
            String lot = "L-XP-" + i;
            List<ObjectNode> steps = List.of(
                    PipelineRig.cloudEvent(new CountAdjusted("XC-" + i, "RM-STEEL", lot,
                            from + "-RM", d("10"), "kg"), "xp-count-" + i, from, time),
                    PipelineRig.cloudEvent(new StockTransferred("XT-" + i, "RM-STEEL", lot, d("6"), "kg", from + "-RM",
                            to + "-RM", to), "xp-ship-" + i, from, time),
                    PipelineRig.cloudEvent(new StockTransferred("XM-" + i, "RM-STEEL", lot, d("4"), "kg", to + "-RM",
                            to + "-QA", null), "xp-move-" + i, to, time));
            int at = random.nextInt(stream.size() - 100);
            for (ObjectNode step : steps) {
                at += 1 + random.nextInt(30);
                stream.add(at, step);
            }
        }
    }

    /**
     * The books with the receipts' journal entries counted per number of entries: a receipt's id
     * names the tracking id of its transfer, which differs from hub to hub.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withReceiptsCounted(Map<String, Object> books) {
        Map<String, Object> out = new TreeMap<>(books);
        Map<String, Long> entries = new TreeMap<>();
        ((Map<String, Long>) books.get("entries per event")).forEach((event, count) -> {
            boolean receipt = event.startsWith(TransferReceived.HUB_SOURCE);
            entries.merge(receipt ? "receipts with " + count + " entries" : event, receipt ? 1L : count, Long::sum);
        });
        out.put("entries per event", entries);
        return out;
    }

    static TransitReceipts receipts(PipelineRig rig) {
        return new TransitReceipts(rig.database.dataSource(), rig.log,
                new PipelineSettings(Duration.ofMinutes(10), 500, Duration.ofMillis(100), false));
    }

    @Test
    void aConsumptionParkedInOnePartitionPostsWhenTheOtherInstanceHasAppliedWhatItWaitedFor() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            Topic topic = Topic.byBusinessKey(PARTITIONS);
            UUID release = rig.accept("P100", new OrderReleased("MO-1", "FG-BRACKET", d("100"), "ea")).get(0);
            UUID consumption = rig.accept("P100",
                    new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("300"), "kg", "P100-LINE")).get(0);
            UUID receipt = rig.accept("P100", new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("400"),
                    "kg", "P100-RM")).get(0);
            UUID transfer = rig.accept("P100", new StockTransferred("TR-1", "RM-STEEL", "L-ST-1", d("300"), "kg",
                    "P100-RM", "P100-LINE", null)).get(0);
            topic.produce(rig);
            int ordersPartition = topic.partitionOf(rig, release);
            assertThat(topic.partitionOf(rig, receipt)).as("choose keys in different partitions")
                    .isNotEqualTo(ordersPartition);
            assertThat(topic.partitionOf(rig, transfer)).isNotEqualTo(ordersPartition);
            Consumer a = new Consumer(rig.partitionProcessor(topic.partitioning));
            Consumer b = new Consumer(rig.partitionProcessor(topic.partitioning));
            List<Integer> others = IntStream.range(0, PARTITIONS).filter(p -> p != ordersPartition).boxed().toList();
            a.assign(List.of(ordersPartition));
            b.assign(others);
            Random random = new Random(7);

            a.processor.apply(a.poll(topic, 100, random));
            assertThat(rig.state(consumption)).isEqualTo(EventState.PARKED);
            b.processor.apply(b.poll(topic, 100, random));
            assertThat(rig.state(transfer)).isEqualTo(EventState.POSTED);
            assertThat(rig.state(consumption)).as("b does not hold a's parked events").isEqualTo(EventState.PARKED);

            assertThat(a.processor.sweepParked()).isEqualTo(1);
            assertThat(rig.state(consumption)).isEqualTo(EventState.POSTED);
            assertThat(a.processor.sweepParked()).as("nothing changed since").isZero();
        }
    }

    @Test
    void anInstanceSeesWhatAnotherInstanceDidToItsPartitionBeforeItAppliesAClosingEvent() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            Topic topic = Topic.byBusinessKey(PARTITIONS);
            UUID release = rig.accept("P100", new OrderReleased("MO-1", "FG-BRACKET", d("100"), "ea")).get(0);
            UUID consumption = rig.accept("P100",
                    new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("300"), "kg", "P100-LINE")).get(0);
            rig.accept("P100", new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("400"), "kg", "P100-RM"),
                    new StockTransferred("TR-1", "RM-STEEL", "L-ST-1", d("300"), "kg", "P100-RM", "P100-LINE", null));
            topic.produce(rig);
            int ordersPartition = topic.partitionOf(rig, release);
            Consumer a = new Consumer(rig.partitionProcessor(topic.partitioning));
            Consumer b = new Consumer(rig.partitionProcessor(topic.partitioning));
            a.assign(List.of(ordersPartition));
            b.assign(IntStream.range(0, PARTITIONS).filter(p -> p != ordersPartition).boxed().toList());
            Random random = new Random(3);
            a.processor.apply(a.poll(topic, 100, random));
            b.processor.apply(b.poll(topic, 100, random));
            assertThat(rig.state(consumption)).isEqualTo(EventState.PARKED);

            // master data changed on instance b: its retry covers every partition, a's too
            b.processor.retryAfterMasterDataChange();
            assertThat(rig.state(consumption)).isEqualTo(EventState.POSTED);

            UUID close = rig.accept("P100", new OrderClosed("MO-1")).get(0);
            topic.produce(rig);
            a.processor.apply(a.poll(topic, 100, random));
            assertThat(rig.state(close)).as("a reloaded its parked set: nothing of MO-1 waits any more")
                    .isNotEqualTo(EventState.PARKED);
            assertThat(a.processor.parkedCount()).isZero();
        }
    }

    @Test
    void anOperatorApprovesOnOneInstanceAnExceptionOfAPartitionAnotherInstanceApplies() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            Topic topic = new Topic(PARTITIONS);
            rig.accept("P100", ParkingAndOrderTest.receipt());
            UUID invoice = rig.accept("P100", new InvoiceReceived("INV-1", "S-ACME", "EUR",
                    List.of(new InvoiceLine("4500001", 10, d("1000"), d("3.00"))))).get(0);
            topic.produce(rig);
            Consumer owner = new Consumer(rig.partitionProcessor(topic.partitioning));
            owner.assign(IntStream.range(0, PARTITIONS).boxed().toList());
            owner.processor.apply(owner.poll(topic, 100, new Random(5)));
            ExceptionQueue otherInstance = new ExceptionQueue(rig.partitionProcessor(topic.partitioning), rig.store,
                    new io.millrace.audit.AuditLog(new io.millrace.audit.InMemoryAuditRecords(), java.time.Clock.systemUTC()));
            ExceptionItem raised = otherInstance.list("OPEN", 0, 10).items().get(0);
            assertThat(raised.reason()).isEqualTo(Reason.of(ReasonCode.THREE_WAY_MATCH_FAILED));

            ExceptionItem approved = otherInstance.approve(raised.id(), "key:op-7");

            assertThat(approved.status()).isEqualTo(ExceptionStatus.APPROVED);
            assertThat(rig.state(invoice)).isEqualTo(EventState.POSTED);
            int partition = topic.partitionOf(rig, invoice);
            assertThat(owner.processor.nextOffsets(List.of(partition))).as("a decision moves no offset")
                    .containsEntry(partition, (long) topic.partitions.get(partition).size());
            assertThat(rig.trialBalance()).containsEntry("P100/2000", "-3000");
        }
    }

    @Test
    void aRecordBelowItsPartitionsStoredOffsetIsNeverAppliedAgainWhicheverInstanceGetsIt() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            Topic topic = new Topic(1);
            rig.accept("P100", new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("400"), "kg", "P100-RM"),
                    new GoodsReceived("GR-2", "4500001", 10, "RM-STEEL", "L-ST-2", d("100"), "kg", "P100-RM"));
            topic.produce(rig);
            PartitionProcessor a = rig.partitionProcessor(topic.partitioning);
            PartitionProcessor b = rig.partitionProcessor(topic.partitioning);
            List<Delivery> records = topic.partitions.get(0);
            a.assigned(List.of(0));
            assertThat(a.apply(records)).isEqualTo(2);
            Map<String, String> books = rig.trialBalance();

            b.assigned(List.of(0));
            assertThat(b.apply(records)).isZero();
            assertThat(a.apply(records.subList(1, 2))).isZero();
            assertThat(rig.trialBalance()).isEqualTo(books);
            assertThat(b.nextOffsets(List.of(0))).containsEntry(0, 2L);
            assertThat(new JdbcTemplate(rig.database.dataSource()).queryForObject(
                    "SELECT COUNT(*) FROM ledger_journal_entry", Long.class)).isEqualTo(2L);
        }
    }

    @Test
    void aRecordWhoseAppendNeverCommittedIsSkippedAfterWaitingForIt() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            Topic topic = new Topic(1);
            UUID receipt = rig.accept("P100", new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("400"),
                    "kg", "P100-RM")).get(0);
            topic.produce(rig);
            PartitionProcessor a = rig.partitionProcessor(topic.partitioning);
            a.assigned(List.of(0));
            List<Delivery> records = List.of(new Delivery(0, 0, UUID.randomUUID()), new Delivery(0, 1, null),
                    new Delivery(0, 2, receipt));

            assertThat(a.apply(records)).isEqualTo(1);
            assertThat(rig.state(receipt)).isEqualTo(EventState.POSTED);
            assertThat(a.nextOffsets(List.of(0))).containsEntry(0, 3L);
        }
    }

    /** Delivers everything left, then sweeps until nothing moves. */
    private static void drainAll(Topic topic, Random random, Consumer owner) {
        List<Delivery> polled;
        do {
            polled = owner.poll(topic, 200, random);
            owner.processor.apply(polled);
        } while (!polled.isEmpty());
        for (int i = 0; i < 20 && owner.processor.sweepParked() > 0; i++) {
            // until a sweep finds nothing new committed
        }
    }

    /**
     * Balances (not the gross turnover: the cent that a posting books to rounding depends on the
     * stock valued before it, so it moves between events of different keys with their order),
     * stock, orders, states and journal entries per event.
     */
    static Map<String, Object> books(PipelineRig rig) {
        return Map.of("trial balance", rig.trialBalance(), "inventory", rig.inventory(), "orders", rig.orderStates(),
                "states", rig.states(), "entries per event", rig.entriesPerEvent());
    }
}
