package io.millrace.kafka;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import io.millrace.testing.DemoBooks;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TestDatabase;
import io.millrace.testing.TestKafka;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two hub processes on one PostgreSQL database and one Kafka broker take a generated stream of
 * plant traffic in alternating batches and share the events topic's partitions for applying (both
 * post); one is killed with SIGKILL midway, and the survivor takes over its partitions, the rest of
 * the stream and a resend of what the dead one acknowledged last. The final books equal those of
 * one hub without Kafka that took the same stream without failure: same trial balance, same
 * inventory, every event posted once, no duplicate journal entries.
 */
class TwoHubInstancesIT {

    private static final String ADMIN_KEY = "two-instances-admin-key-0123456789";
    private static final int EVENTS = 10_000;
    private static final int BATCH = 250;

    @TempDir
    Path dir;

    record Books(JsonNode trialBalance, JsonNode inventory, JsonNode backlog, Map<String, Long> entriesPerEvent,
                 long openExceptions) {
    }

    @Test
    void twoInstancesWithOneKilledMidStreamEndWithTheBooksOfAnUninterruptedRun() throws Exception {
        TestDatabase.requirePostgres();
        // the full traffic, backflushed completions and counts included: the topic is keyed by plant, so each
        // plant's events are applied in acceptance order whichever instance holds the plant (ADR 17)
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        List<ObjectNode> stream = PlantTraffic.generate(master, PlantTraffic.runnablePlants(master), 20261126L, EVENTS,
                Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC), TrafficOptions.defaults());
        assertThat(stream).hasSize(EVENTS);

        Books reference;
        try (TestDatabase db = TestDatabase.createEmpty(TestDatabase.Kind.POSTGRES)) {
            HubProcess single = HubProcess.start(dir, db, null, ADMIN_KEY, List.of());
            try {
                String key = DemoBooks.load(single.http, ADMIN_KEY);
                for (int from = 0; from < EVENTS; from += BATCH) {
                    send(single.http, key, stream.subList(from, Math.min(EVENTS, from + BATCH)));
                }
                reference = settle(single.http, db);
                assertThat(single.errors()).isEmpty();
            } finally {
                single.stop();
            }
        }

        String prefix = "two" + UUID.randomUUID().toString().substring(0, 6) + ".";
        List<String> topics = List.of("-Dmillrace.kafka.topic=" + prefix + "events",
                "-Dmillrace.kafka.inbound-topic=" + prefix + "inbound",
                "-Dmillrace.kafka.rejected-topic=" + prefix + "rejected",
                "-Dmillrace.kafka.outbound-topic=" + prefix + "outbound", "-Dmillrace.kafka.group=" + prefix + "hub");
        Books survived;
        try (TestDatabase db = TestDatabase.createEmpty(TestDatabase.Kind.POSTGRES)) {
            HubProcess a = HubProcess.start(dir, db, TestKafka.bootstrap(), ADMIN_KEY, topics);
            HubProcess b = HubProcess.start(dir, db, TestKafka.bootstrap(), ADMIN_KEY, topics);
            try {
                String key = DemoBooks.load(a.http, ADMIN_KEY);
                List<ObjectNode> lastOfB = List.of();
                int batchNo = 0;
                for (int from = 0; from < EVENTS; from += BATCH, batchNo++) {
                    List<ObjectNode> batch = stream.subList(from, Math.min(EVENTS, from + BATCH));
                    boolean toB = b.process.isAlive() && batchNo % 2 == 1;
                    JsonNode receipts = send(toB ? b.http : a.http, key, batch);
                    assertThat(receipts.findValuesAsString("status")).containsOnly("ACCEPTED");
                    if (toB) {
                        lastOfB = batch;
                    }
                    if (from + BATCH >= EVENTS / 2 && b.process.isAlive() && toB) {
                        awaitPosted(a.http);
                        awaitPosted(b.http); // both instances apply: the group shares the partitions out
                        b.process.destroyForcibly(); // SIGKILL while its pipeline is busy with what it took
                        b.process.waitFor(30, TimeUnit.SECONDS);
                        JsonNode again = send(a.http, key, lastOfB);
                        assertThat(again.findValuesAsString("status")).containsOnly("DUPLICATE");
                    }
                }
                assertThat(b.process.isAlive()).isFalse();
                survived = settle(a.http, db);
                assertThat(a.errors()).isEmpty();
                assertThat(topicSize(prefix + "events")).isEqualTo(EVENTS);
            } finally {
                b.process.destroyForcibly();
                a.stop();
            }
        }

        System.out.printf("two instances, one killed: backlog %s, %d accounts, %d inventory rows, %d journal "
                + "entries; uninterrupted single hub: backlog %s%n", survived.backlog(),
                survived.trialBalance().path("accounts").size(), survived.inventory().path("rows").size(),
                survived.entriesPerEvent().values().stream().mapToLong(Long::longValue).sum(), reference.backlog());
        assertThat(survived.backlog()).isEqualTo(reference.backlog());
        assertThat(survived.backlog().path("posted").asLong() + survived.backlog().path("exceptions").asLong()
                + survived.backlog().path("parked").asLong()).isEqualTo(EVENTS);
        assertThat(survived.openExceptions()).isEqualTo(reference.openExceptions());
        // balances, not gross turnover: the cent a posting books to rounding depends on the stock valued
        // before it, which the order of other keys' events changes (and partitions apply keys in parallel)
        assertThat(balances(survived.trialBalance())).isEqualTo(balances(reference.trialBalance()));
        assertThat(survived.inventory()).isEqualTo(reference.inventory());
        assertThat(survived.entriesPerEvent()).isEqualTo(reference.entriesPerEvent());
        assertThat(reference.trialBalance().path("accounts").size()).isGreaterThan(5);
    }

    private static Map<String, String> balances(JsonNode trialBalance) {
        Map<String, String> out = new TreeMap<>();
        trialBalance.path("accounts").forEach(a -> out.put(a.path("account").asString(),
                a.path("balance").decimalValue().stripTrailingZeros().toPlainString()));
        return out;
    }

    /** Waits until the instance itself has posted events (its own metrics, not the shared books). */
    private static void awaitPosted(HubHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double posted = 0;
        while (posted == 0 && System.nanoTime() < deadline) {
            String metrics = http.get("/actuator/prometheus", ADMIN_KEY).body();
            posted = metrics.lines().filter(l -> l.startsWith("millrace_events_posted_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (posted == 0) {
                Thread.sleep(200);
            }
        }
        assertThat(posted).as("events posted by the instance at " + http).isPositive();
    }

    private static long topicSize(String topic) {
        return TestKafka.read(topic, EVENTS, java.time.Duration.ofSeconds(60)).size();
    }

    private static JsonNode send(HubHttp http, String key, List<ObjectNode> batch) {
        ArrayNode body = HubHttp.JSON.createArrayNode();
        batch.forEach(body::add);
        HttpResponse<String> r = http.post("/api/v1/events", key, "application/cloudevents-batch+json",
                body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r);
    }

    /** Waits until nothing is pending and the parked count stays put, then reads the books. */
    private static Books settle(HubHttp http, TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        JsonNode backlog = null;
        int stable = 0;
        while (System.nanoTime() < deadline && stable < 10) {
            JsonNode now = json(http.get("/api/v1/pipeline/backlog", ADMIN_KEY));
            boolean idle = now.path("pending").asLong() == 0;
            stable = idle && now.equals(backlog) ? stable + 1 : 0;
            backlog = now;
            Thread.sleep(500);
        }
        assertThat(backlog.path("pending").asLong()).as("pending events after 10 minutes").isZero();
        JsonNode trialBalance = json(http.get("/api/v1/ledger/trial-balance", ADMIN_KEY));
        JsonNode inventory = json(http.get("/api/v1/inventory", ADMIN_KEY));
        long open = json(http.get("/api/v1/exceptions?status=OPEN&limit=1000", ADMIN_KEY)).path("items").size();
        return new Books(trialBalance, inventory, backlog, entriesPerEvent(db), open);
    }

    /** Journal entries per source event (source and CloudEvents id): any duplicate posting shows here. */
    private static Map<String, Long> entriesPerEvent(TestDatabase db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT source, source_event_id, COUNT(*) FROM ledger_journal_entry "
                     + "GROUP BY source, source_event_id")) {
            while (rs.next()) {
                out.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
            }
        }
        return out;
    }
}
