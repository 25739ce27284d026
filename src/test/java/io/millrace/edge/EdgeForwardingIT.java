package io.millrace.edge;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.storage.DatabaseUrls;
import io.millrace.testing.DemoBooks;
import io.millrace.testing.HubHttp;
import io.millrace.testing.HubProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plant keeps working through a hub outage and a power cut at the plant: with the hub stopped,
 * a generated stream of 2,000 events goes to a real edge agent process, which answers 202 to every
 * request and is killed with SIGKILL once mid-stream and restarted (the producer resends the batch
 * whose answer it lost). Then the hub starts again. Every event is in the hub's log exactly once,
 * in the edge agent's acceptance order, and the books are those of the same stream sent straight
 * to a hub.
 */
class EdgeForwardingIT {

    private static final String ADMIN_KEY = "edge-forwarding-admin-key-0123456789";
    private static final long SEED = 20261202L;
    private static final int EVENTS = 2_000;
    private static final int BATCH = 40;
    private static final int KILL_AFTER = 1_000;
    /** The edge agent retries a stopped hub at least every second, so the test need not wait long. */
    private static final Map<String, String> EDGE_ENV = Map.of("MILLRACE_EDGE_MAXBACKOFF", "1s");

    /** What the hub's books and log hold once everything posted, read from its database. */
    record Books(List<String> log, Map<String, Long> states, Map<String, Long> entriesPerEvent,
                 Map<String, String> trialBalance, Map<String, String> inventory, long exceptions) {
    }

    @Test
    void everyEventPostsOnceInAcceptanceOrderAfterAHubOutageAndAKilledEdgeAgent(@TempDir Path dir)
            throws Exception {
        List<String> batches = batches();
        Books reference = sentStraightToAHub(dir.resolve("reference"), batches);

        int hubPort = HubProcess.freePort();
        Path hubDir = dir.resolve("hub");
        HubProcess hub = HubProcess.start(hubDir, ADMIN_KEY, null, hubPort);
        String key = DemoBooks.load(hub.http(), ADMIN_KEY);
        hub.stop();

        String hubUrl = "http://127.0.0.1:" + hubPort;
        Path edgeDir = dir.resolve("edge");
        EdgeProcess edge = EdgeProcess.start(edgeDir, hubUrl, key, EDGE_ENV);
        try {
            Producer producer = new Producer(batches, key);
            HubHttp firstRun = edge.http();
            Thread sending = new Thread(() -> producer.sendTo(firstRun), "producer");
            sending.start();
            while (producer.next.get() * BATCH < KILL_AFTER && sending.isAlive()) {
                Thread.sleep(5);
            }
            edge.kill();
            sending.join(60_000);
            int acknowledgedBeforeKill = producer.next.get() * BATCH;
            edge = EdgeProcess.start(edgeDir, hubUrl, key, EDGE_ENV);
            producer.sendTo(edge.http());
            assertThat(producer.next.get()).as("every batch was answered 202").isEqualTo(batches.size());

            JsonNode status = edge.status();
            System.out.printf("edge agent killed after %d events acknowledged; %d resent events answered "
                            + "DUPLICATE; with the hub down: %s%n", acknowledgedBeforeKill, producer.duplicates.get(),
                    status);
            assertThat(status.get("accepted").asLong()).isEqualTo(EVENTS);
            assertThat(status.get("backlog").asLong()).isEqualTo(EVENTS);
            assertThat(status.get("hub").get("reachable").asBoolean()).isFalse();
            assertThat(status.get("oldestUnsent").get("position").asLong()).isEqualTo(1);
            assertThat(status.get("catalog").get("origin").asString()).isEqualTo("BUILT_IN");

            hub = HubProcess.start(hubDir, ADMIN_KEY, null, hubPort);
            awaitForwarded(edge);
            awaitPosted(hub.http());
            status = edge.status();
            assertThat(status.get("forwarded").asLong()).isEqualTo(EVENTS);
            assertThat(status.get("rejected").asLong()).isZero();
            assertThat(status.get("oldestUnsent").isNull()).isTrue();
            assertThat(status.get("hub").get("reachable").asBoolean()).isTrue();
            assertThat(status.get("catalog").get("origin").asString()).isEqualTo("HUB");
        } catch (AssertionError | RuntimeException ex) {
            System.out.println(edge.output());
            throw ex;
        } finally {
            edge.stop();
            hub.stop();
        }

        List<String> edgeOrder = acceptanceOrder(h2(edgeDir));
        Books books = read(h2(hubDir));
        assertThat(edgeOrder).as("the edge agent accepted every event once, in the order sent")
                .isEqualTo(reference.log());
        assertThat(books.log()).as("the hub's log: every event once, in the edge agent's acceptance order")
                .isEqualTo(edgeOrder);
        assertThat(books.states()).as("every event posted").isEqualTo(Map.of("POSTED", (long) EVENTS));
        assertThat(books.exceptions()).isZero();
        assertThat(books.entriesPerEvent()).as("journal entries per event").isEqualTo(reference.entriesPerEvent());
        assertThat(books.trialBalance()).as("trial balance by plant and account").isEqualTo(reference.trialBalance());
        assertThat(books.inventory()).as("stock rows").isEqualTo(reference.inventory());
    }

    private static List<String> batches() {
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        List<ObjectNode> stream = PlantTraffic.generate(master, PlantTraffic.runnablePlants(master), SEED, EVENTS);
        assertThat(stream).hasSize(EVENTS);
        List<String> out = new ArrayList<>();
        for (int from = 0; from < stream.size(); from += BATCH) {
            out.add(HubHttp.JSON.writeValueAsString(stream.subList(from, Math.min(stream.size(), from + BATCH))));
        }
        return out;
    }

    private static Books sentStraightToAHub(Path dir, List<String> batches) throws Exception {
        HubProcess hub = HubProcess.start(dir, ADMIN_KEY, null);
        try {
            HubHttp http = hub.http();
            Producer producer = new Producer(batches, DemoBooks.load(http, ADMIN_KEY));
            producer.sendTo(http);
            assertThat(producer.next.get()).isEqualTo(batches.size());
            awaitPosted(http);
        } finally {
            hub.stop();
        }
        return read(h2(dir));
    }

    /** Sends the batches in order from {@code next}; stops at the first batch whose answer does not come. */
    static final class Producer {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        private final List<String> batches;
        private final String key;

        Producer(List<String> batches, String key) {
            this.batches = batches;
            this.key = key;
        }

        void sendTo(HubHttp http) {
            while (next.get() < batches.size()) {
                HttpResponse<String> r;
                try {
                    r = http.post("/api/v1/events", key, "application/cloudevents-batch+json",
                            batches.get(next.get()));
                } catch (IllegalStateException gone) {
                    return; // no answer: resent after the restart
                }
                if (r.statusCode() != 202) {
                    throw new AssertionError("batch " + next.get() + " answered " + r.statusCode() + ": " + r.body());
                }
                for (JsonNode receipt : json(r).get("receipts")) {
                    if (receipt.get("status").asString().equals("DUPLICATE")) {
                        duplicates.incrementAndGet();
                    }
                }
                next.incrementAndGet();
            }
        }
    }

    private static void awaitForwarded(EdgeProcess edge) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        JsonNode status = edge.status();
        while (System.nanoTime() < deadline && status.get("backlog").asLong() > 0) {
            Thread.sleep(200);
            status = edge.status();
        }
        assertThat(status.get("backlog").asLong()).as(status.toString()).isZero();
    }

    private static void awaitPosted(HubHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        JsonNode backlog = json(http.get("/api/v1/pipeline/backlog", ADMIN_KEY));
        while (System.nanoTime() < deadline && backlog.get("posted").asLong() + backlog.get("exceptions").asLong()
                < EVENTS) {
            Thread.sleep(200);
            backlog = json(http.get("/api/v1/pipeline/backlog", ADMIN_KEY));
        }
        assertThat(backlog.get("pending").asLong()).as(backlog.toString()).isZero();
        assertThat(backlog.get("parked").asLong()).as(backlog.toString()).isZero();
        assertThat(backlog.get("posted").asLong()).as(backlog.toString()).isEqualTo(EVENTS);
    }

    /** An embedded database written by a process that has stopped. */
    private static DataSource h2(Path dir) {
        return new DriverManagerDataSource(DatabaseUrls.embedded(dir), "sa", "");
    }

    private static List<String> acceptanceOrder(DataSource dataSource) {
        return new JdbcTemplate(dataSource).query("SELECT source, event_id FROM event_log ORDER BY position",
                (rs, n) -> rs.getString(1) + " " + rs.getString(2));
    }

    private static Books read(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Long> states = new TreeMap<>();
        jdbc.query("SELECT state, COUNT(*) FROM event_log GROUP BY state", rs -> {
            states.put(rs.getString(1), rs.getLong(2));
        });
        Map<String, Long> perEvent = new LinkedHashMap<>();
        jdbc.query("SELECT l.source, l.event_id, COUNT(j.entry_id) FROM event_log l LEFT JOIN ledger_journal_entry j"
                + " ON j.tracking_id = CAST(l.tracking_id AS VARCHAR(36)) GROUP BY l.source, l.event_id"
                + " ORDER BY l.source, l.event_id", rs -> {
                    perEvent.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                });
        Map<String, String> trialBalance = new TreeMap<>();
        jdbc.query("SELECT plant, account, SUM(debit) - SUM(credit) FROM ledger_journal_line GROUP BY plant, account",
                rs -> {
                    trialBalance.put(rs.getString(1) + "/" + rs.getString(2),
                            rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
                });
        Map<String, String> inventory = new TreeMap<>();
        jdbc.query("SELECT plant, location, item, lot, status, quantity FROM ledger_stock_balance", rs -> {
            inventory.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4)
                    + "/" + rs.getString(5), rs.getBigDecimal(6).stripTrailingZeros().toPlainString());
        });
        return new Books(acceptanceOrder(dataSource), states, perEvent, trialBalance, inventory,
                jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_exception", Long.class));
    }
}
