package io.millrace.pipeline;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.storage.DatabaseUrls;
import io.millrace.testing.DemoBooks;
import io.millrace.testing.HubHttp;
import io.millrace.testing.HubProcess;
import io.millrace.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real hub process is killed (SIGKILL) twice while a producer sends a generated stream of 10,000
 * events and the pipeline applies them; it is restarted on the same storage each time and the
 * producer resends every batch whose answer it did not get. When the backlog is empty the books
 * are those of the same stream sent to a hub that never crashed: the same trial balance, stock
 * rows, orders and PO lines, the same number of journal entries for every event, unique entry
 * ids, no exception, every event posted.
 */
class PipelineCrashIT {

    private static final String ADMIN_KEY = "pipeline-crash-admin-key-0123456789";
    private static final long SEED = 20261126L;
    private static final int EVENTS = 10_000;
    private static final int BATCH = 200;
    private static final int[] KILL_AFTER = {3_000, 6_500};

    private static List<String> batches;
    private static Books reference;

    /** What the books and the log hold once the backlog is empty, read from the database. */
    record Books(Map<String, String> trialBalance, Map<String, String> inventory, Map<String, String> orders,
                 Map<String, Long> entriesPerEvent, long entries, long distinctEntryIds, Map<String, Long> states,
                 long exceptions) {
    }

    @BeforeAll
    static void referenceRunWithoutCrashes(@TempDir Path dir) throws Exception {
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        List<ObjectNode> stream = PlantTraffic.generate(master, PlantTraffic.runnablePlants(master), SEED, EVENTS);
        assertThat(stream).hasSize(EVENTS);
        batches = new ArrayList<>();
        for (int from = 0; from < stream.size(); from += BATCH) {
            batches.add(HubHttp.JSON.writeValueAsString(stream.subList(from, Math.min(stream.size(), from + BATCH))));
        }
        long started = System.nanoTime();
        HubProcess hub = HubProcess.start(dir, ADMIN_KEY, null);
        try {
            HubHttp http = hub.http();
            Producer producer = new Producer(http, DemoBooks.load(http, ADMIN_KEY));
            producer.run();
            assertThat(producer.next.get()).as("the reference hub took every batch").isEqualTo(batches.size());
            DemoBooks.awaitAllPosted(http, ADMIN_KEY, EVENTS);
        } finally {
            hub.stop();
        }
        reference = read(h2(dir));
        System.out.printf("reference run (H2, no crash): %d events, %d journal entries, %d accounts, %d stock rows in"
                + " %d s%n", EVENTS, reference.entries(), reference.trialBalance().size(), reference.inventory().size(),
                seconds(started));
    }

    /**
     * {@code lanes}: the {@code serve --lanes} of the first hub and of each restart, so that lanes
     * by plant are killed too and their count changes across a kill (1 is the single applier).
     */
    @ParameterizedTest(name = "{0}, lanes {1}")
    @CsvSource({"H2, 1 1 1", "POSTGRES, 1 1 1", "H2, 3 2 1", "POSTGRES, 2 3 3"})
    void twoKillsMidStreamLeaveTheBooksOfARunWithoutCrashes(TestDatabase.Kind kind, String lanes, @TempDir Path dir)
            throws Exception {
        java.util.Iterator<String> laneCounts = List.of(lanes.split(" ")).iterator();
        TestDatabase database = kind == TestDatabase.Kind.POSTGRES ? TestDatabase.createEmpty(kind) : null;
        Random random = new Random(SEED + kind.ordinal());
        long started = System.nanoTime();
        HubProcess hub = null;
        try {
            hub = HubProcess.start(dir, ADMIN_KEY, database, List.of("--lanes", laneCounts.next()));
            HubHttp http = hub.http();
            Producer producer = new Producer(http, DemoBooks.load(http, ADMIN_KEY));
            for (int killAfter : KILL_AFTER) {
                Thread sending = new Thread(producer, "producer");
                sending.start();
                while (producer.next.get() * BATCH < killAfter && sending.isAlive()) {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(300));
                JsonNode backlog = json(http.get("/api/v1/pipeline/backlog", ADMIN_KEY));
                hub.kill();
                sending.join(60_000);
                System.out.printf("%s: killed after %d events acknowledged, %d pending and %d posted a moment"
                                + " before%n", kind, producer.next.get() * BATCH, backlog.get("pending").asLong(),
                        backlog.get("posted").asLong());
                hub = HubProcess.start(dir, ADMIN_KEY, database, List.of("--lanes", laneCounts.next()));
                http = hub.http();
                producer = producer.to(http);
            }
            producer.run();
            assertThat(producer.next.get()).isEqualTo(batches.size());
            try {
                DemoBooks.awaitAllPosted(http, ADMIN_KEY, EVENTS);
            } catch (AssertionError stuck) {
                System.out.println(hub.diagnostics());
                throw stuck;
            }
            System.out.printf("%s: %d events resent after the kills answered DUPLICATE%n", kind,
                    producer.duplicates.get());
            hub.stop();

            Books books = read(database == null ? h2(dir) : database.dataSource());
            System.out.printf("%s with two kills, lanes %s: %d events, %d journal entries, %d stock rows in %d s%n",
                    kind, lanes, EVENTS, books.entries(), books.inventory().size(), seconds(started));
            assertThat(books.states()).as("every accepted event posted, none twice in the log")
                    .isEqualTo(Map.of("POSTED", (long) EVENTS));
            assertThat(books.exceptions()).as("no exception").isZero();
            assertThat(books.distinctEntryIds()).as("journal entry ids are unique").isEqualTo(books.entries());
            assertThat(books.entriesPerEvent()).as("journal entries per event, by (source, id)")
                    .hasSize(EVENTS).isEqualTo(reference.entriesPerEvent());
            assertThat(books.entries()).isEqualTo(reference.entries());
            assertThat(books.trialBalance()).as("trial balance by plant and account").isEqualTo(reference.trialBalance());
            assertThat(books.inventory()).as("stock rows").isEqualTo(reference.inventory());
            assertThat(books.orders()).as("production orders and PO lines").isEqualTo(reference.orders());
        } finally {
            if (hub != null) {
                hub.kill(); // a no-op after the graceful stop; never leaves a hub behind on a failure
            }
            if (database != null) {
                database.close();
            }
        }
    }

    /** Sends the batches in order from {@code next}; stops at the first batch whose answer does not come. */
    static final class Producer implements Runnable {
        final AtomicInteger next;
        final AtomicInteger duplicates;
        private final HubHttp http;
        private final String key;

        Producer(HubHttp http, String key) {
            this(http, key, new AtomicInteger(), new AtomicInteger());
        }

        private Producer(HubHttp http, String key, AtomicInteger next, AtomicInteger duplicates) {
            this.http = http;
            this.key = key;
            this.next = next;
            this.duplicates = duplicates;
        }

        /** The same producer, talking to a restarted hub. */
        Producer to(HubHttp restarted) {
            return new Producer(restarted, key, next, duplicates);
        }

        @Override
        public void run() {
            while (next.get() < batches.size()) {
                HttpResponse<String> r;
                try {
                    r = http.post("/api/v1/events", key, "application/cloudevents-batch+json", batches.get(next.get()));
                } catch (IllegalStateException gone) {
                    return; // no answer: resent after the restart
                }
                if (r.statusCode() != 202) {
                    throw new AssertionError("batch " + next.get() + " answered " + r.statusCode() + ": " + r.body());
                }
                JsonNode receipts = json(r).get("receipts");
                assertThat(receipts).hasSize(BATCH);
                for (JsonNode receipt : receipts) {
                    String status = receipt.get("status").asString();
                    assertThat(status).isIn("ACCEPTED", "DUPLICATE");
                    if (status.equals("DUPLICATE")) {
                        duplicates.incrementAndGet();
                    }
                }
                next.incrementAndGet();
            }
        }
    }

    /** The embedded database the hub wrote under {@code dir}; read after the hub stopped. */
    static DataSource h2(Path dir) {
        return new DriverManagerDataSource(DatabaseUrls.embedded(dir), "sa", "");
    }

    static Books read(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, String> trialBalance = new TreeMap<>();
        jdbc.query("SELECT plant, account, SUM(debit) - SUM(credit) FROM ledger_journal_line GROUP BY plant, account",
                rs -> {
                    trialBalance.put(rs.getString(1) + "/" + rs.getString(2),
                            rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
                });
        Map<String, String> inventory = new TreeMap<>();
        jdbc.query("SELECT plant, location, item, lot, status, quantity FROM ledger_stock_balance", rs -> {
            inventory.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4) + "/"
                    + rs.getString(5), rs.getBigDecimal(6).stripTrailingZeros().toPlainString());
        });
        Map<String, String> orders = new TreeMap<>();
        jdbc.query("SELECT order_id, status, wip_balance, completed_quantity FROM ledger_production_order", rs -> {
            orders.put("order " + rs.getString(1), rs.getString(2) + " " + rs.getBigDecimal(3).toPlainString() + " "
                    + rs.getBigDecimal(4).stripTrailingZeros().toPlainString());
        });
        jdbc.query("SELECT purchase_order, line, received, invoiced FROM ledger_po_line", rs -> {
            orders.put("po " + rs.getString(1) + "/" + rs.getInt(2), rs.getBigDecimal(3).stripTrailingZeros()
                    .toPlainString() + " " + rs.getBigDecimal(4).stripTrailingZeros().toPlainString());
        });
        Map<String, Long> perEvent = new TreeMap<>();
        jdbc.query("SELECT l.source, l.event_id, COUNT(j.entry_id) FROM event_log l LEFT JOIN ledger_journal_entry j"
                + " ON j.tracking_id = CAST(l.tracking_id AS VARCHAR(36)) GROUP BY l.source, l.event_id", rs -> {
                    perEvent.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                });
        Map<String, Long> states = new TreeMap<>();
        jdbc.query("SELECT state, COUNT(*) FROM event_log GROUP BY state", rs -> {
            states.put(rs.getString(1), rs.getLong(2));
        });
        return new Books(trialBalance, inventory, orders, perEvent,
                jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journal_entry", Long.class),
                jdbc.queryForObject("SELECT COUNT(DISTINCT entry_id) FROM ledger_journal_entry", Long.class),
                states, jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_exception", Long.class));
    }

    private static long seconds(long startedNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }
}
