package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.Invariants;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.eventlog.Receipt;
import io.millrace.ledger.BooksStore;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * One generated stream over several plants, fed in many interleavings (keys shuffled with the
 * order within each key kept; two producers racing), ends in the same books every time, with
 * every event posted, every invariant holding, and resending or replaying changing nothing.
 */
class StreamIndependenceTest {

    private static final MasterDataSet MASTER = MasterDataSet.fromResource("/demo/master-data.json");
    private static final int EVENTS = 2500;

    record Books(Map<String, String> trialBalance, Map<String, String> inventory, Map<String, String> orders) {
    }

    @Test
    void theFinalBooksDoNotDependOnHowKeysInterleaveNorOnWhichProducerWasFirst() throws Exception {
        List<String> plants = PlantTraffic.runnablePlants(MASTER);
        assertThat(plants).hasSizeGreaterThan(1);
        List<ObjectNode> stream = PlantTraffic.generate(MASTER, plants, 20261126L, EVENTS,
                Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC), TrafficOptions.defaults().withEarlyEvents(true));
        Books reference = run(stream, null);
        System.out.println("reference books: " + reference.trialBalance().size() + " accounts, "
                + reference.inventory().size() + " stock rows, " + reference.orders().size() + " orders and PO lines");

        for (long seed = 1; seed <= 3; seed++) {
            assertThat(run(interleaved(stream, e -> e.get("plant").asString(), new Random(seed)), null))
                    .as("plants interleaved, seed " + seed)
                    .isEqualTo(reference);
        }
        assertThat(run(stream, plants.get(0))).as("two producers racing").isEqualTo(reference);
    }

    /** Applies the stream (as two racing producers split by plant when {@code firstProducerPlant} is set). */
    private Books run(List<ObjectNode> stream, String firstProducerPlant) throws Exception {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, MASTER, Duration.ofMinutes(10))) {
            if (firstProducerPlant == null) {
                for (int from = 0; from < stream.size(); from += 100) {
                    rig.append(stream.subList(from, Math.min(stream.size(), from + 100)));
                    rig.processor.applyNext(150);
                }
            } else {
                race(rig, stream, firstProducerPlant);
            }
            rig.drain();
            Map<String, Long> states = rig.states();
            if (states.containsKey("PARKED")) {
                rig.store.parkedRows().stream().limit(12).forEach(r -> System.out.println("PARKED " + r.position() + " "
                        + rig.log.find(r.trackingId()).orElseThrow().type() + " " + rig.log.find(r.trackingId())
                        .orElseThrow().businessKey() + " " + r.reason() + " " + r.message() + " " + r.waitingFor()));
            }
            assertThat(states).as("every event posted").containsOnlyKeys("POSTED");
            assertThat(states.get("POSTED")).isEqualTo(stream.size());
            assertThat(rig.log.backlog().posted()).isEqualTo(stream.size());
            assertInvariants(rig);
            Books books = new Books(rig.trialBalance(), rig.inventory(), rig.orderStates());
            assertResendingAndReplayingChangeNothing(rig, stream, books);
            return books;
        }
    }

    private static void race(PipelineRig rig, List<ObjectNode> stream, String plant) throws Exception {
        List<ObjectNode> first = new ArrayList<>();
        List<ObjectNode> second = new ArrayList<>();
        stream.forEach(e -> (e.get("plant").asString().equals(plant) ? first : second).add(e));
        rig.race(first, second);
    }

    static void assertInvariants(PipelineRig rig) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(rig.database.dataSource()));
        List<String> violations = tx.execute(status -> new Invariants(MASTER, PostingSettings.defaults().accounts())
                .violations(new BooksStore(rig.database.dataSource()).begin()));
        assertThat(violations).isEmpty();
        JdbcTemplate jdbc = new JdbcTemplate(rig.database.dataSource());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_log", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT SUM(events) FROM event_log_state_count", Long.class));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_parked", Long.class)).isZero();
    }

    /** Invariant 6: resending every event, or replaying the log from the start, changes no balance. */
    private static void assertResendingAndReplayingChangeNothing(PipelineRig rig, List<ObjectNode> stream, Books books) {
        JdbcTemplate jdbc = new JdbcTemplate(rig.database.dataSource());
        Long entries = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journal_entry", Long.class);
        for (int from = 0; from < stream.size(); from += 500) {
            assertThat(rig.append(stream.subList(from, Math.min(stream.size(), from + 500))))
                    .extracting(Receipt::status).containsOnly(Receipt.Status.DUPLICATE);
        }
        jdbc.update("UPDATE pipeline_cursor SET position = 0");
        rig.drain();
        assertThat(new Books(rig.trialBalance(), rig.inventory(), rig.orderStates())).isEqualTo(books);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journal_entry", Long.class)).isEqualTo(entries);
    }

    /** A random merge of the stream's sub-streams per {@code key}, each in its own order. */
    static List<ObjectNode> interleaved(List<ObjectNode> stream,
                                                java.util.function.Function<ObjectNode, String> key, Random random) {
        Map<String, List<ObjectNode>> byKey = new LinkedHashMap<>();
        for (ObjectNode e : stream) {
            byKey.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
        }
        List<List<ObjectNode>> queues = new ArrayList<>(byKey.values());
        int[] next = new int[queues.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            open.add(i);
        }
        List<ObjectNode> out = new ArrayList<>(stream.size());
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            int q = open.get(pick);
            out.add(queues.get(q).get(next[q]++));
            if (next[q] == queues.get(q).size()) {
                open.remove(pick);
            }
        }
        return out;
    }
}
