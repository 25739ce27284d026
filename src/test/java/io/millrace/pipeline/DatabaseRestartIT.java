package io.millrace.pipeline;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.testing.DemoBooks;
import io.millrace.testing.HubHttp;
import io.millrace.testing.HubProcess;
import io.millrace.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PostgreSQL restarts under load: every connection of the hub is terminated (as a server shutdown
 * does) and the database refuses connections for longer than the hub waits for one, while a
 * producer sends a generated stream and the pipeline applies it. Intake answers 503 with
 * {@code Retry-After} meanwhile; the producer sends those batches again after that interval; the
 * applier backs off without turning any event into an exception. When the backlog is empty the
 * books are those of the same stream sent to a hub whose database never went away.
 */
class DatabaseRestartIT {

    private static final String ADMIN_KEY = "database-restart-admin-key-0123456789";
    private static final long SEED = 20261203L;
    private static final int EVENTS = 3_000;
    private static final int BATCH = 100;
    private static final long OUTAGE_MILLIS = 12_000;

    @Test
    void aPostgresRestartUnderLoadAnswers503WithRetryAfterAndLosesAndDoublesNothing(@TempDir Path referenceDir,
                                                                                   @TempDir Path dir) throws Exception {
        TestDatabase.requirePostgres();
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        List<ObjectNode> stream = PlantTraffic.generate(master, PlantTraffic.runnablePlants(master), SEED, EVENTS);
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < stream.size(); from += BATCH) {
            batches.add(HubHttp.JSON.writeValueAsString(stream.subList(from, Math.min(stream.size(), from + BATCH))));
        }

        HubProcess referenceHub = HubProcess.start(referenceDir, ADMIN_KEY, null);
        try {
            Producer producer = new Producer(referenceHub.http(), DemoBooks.load(referenceHub.http(), ADMIN_KEY),
                    batches);
            producer.run();
            assertThat(producer.failure.get()).isNull();
            DemoBooks.awaitAllPosted(referenceHub.http(), ADMIN_KEY, EVENTS);
        } finally {
            referenceHub.stop();
        }
        PipelineCrashIT.Books reference = PipelineCrashIT.read(PipelineCrashIT.h2(referenceDir));

        TestDatabase database = TestDatabase.createEmpty(TestDatabase.Kind.POSTGRES);
        HubProcess hub = null;
        try {
            hub = HubProcess.start(dir, ADMIN_KEY, database);
            HubHttp http = hub.http();
            Producer producer = new Producer(http, DemoBooks.load(http, ADMIN_KEY), batches);
            Thread sending = new Thread(producer, "producer");
            sending.start();
            while (producer.next.get() < batches.size() / 3 && sending.isAlive()) {
                Thread.sleep(5);
            }
            long pending = json(http.get("/api/v1/pipeline/backlog", ADMIN_KEY)).get("pending").asLong();
            restart(database, OUTAGE_MILLIS);
            sending.join(TimeUnit.MINUTES.toMillis(5));
            if (producer.failure.get() != null) {
                System.out.println(causes(hub.log()));
            }
            assertThat(producer.failure.get()).isNull();
            assertThat(producer.next.get()).isEqualTo(batches.size());
            try {
                DemoBooks.awaitAllPosted(http, ADMIN_KEY, EVENTS);
            } catch (AssertionError stuck) {
                System.out.println(hub.diagnostics());
                throw stuck;
            }
            System.out.printf("PostgreSQL restarted with %d events pending: %d answers 503 with Retry-After %s,"
                            + " %d events resent answered DUPLICATE%n", pending, producer.unavailable.get(),
                    producer.retryAfter.get(), producer.duplicates.get());
            hub.stop();

            PipelineCrashIT.Books books = PipelineCrashIT.read(database.dataSource());
            assertThat(producer.unavailable.get()).as("answers 503 while the database was away").isPositive();
            assertThat(producer.retryAfter.get()).as("Retry-After of the 503 answers").isEqualTo("5");
            assertThat(books.states()).as("every accepted event posted, none twice in the log")
                    .isEqualTo(Map.of("POSTED", (long) EVENTS));
            assertThat(books.exceptions()).as("no event became an exception").isZero();
            assertThat(books.distinctEntryIds()).as("journal entry ids are unique").isEqualTo(books.entries());
            assertThat(books.entriesPerEvent()).as("journal entries per event, by (source, id)")
                    .hasSize(EVENTS).isEqualTo(reference.entriesPerEvent());
            assertThat(books.trialBalance()).as("trial balance by plant and account").isEqualTo(reference.trialBalance());
            assertThat(books.inventory()).as("stock rows").isEqualTo(reference.inventory());
            assertThat(books.orders()).as("production orders and PO lines").isEqualTo(reference.orders());
        } finally {
            if (hub != null) {
                hub.kill();
            }
            database.close();
        }
    }

    /** For a failing test: the hub's errors with the causes of each. */
    private static String causes(Path log) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        for (String line : java.nio.file.Files.readAllLines(log)) {
            if (line.contains(" ERROR ") || line.contains(" WARN ") || line.startsWith("Caused by")
                    || !line.startsWith("\t") && line.contains("Exception")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * What a restart of the server does to the hub: its connections are cut, and new ones are
     * refused until the server is back.
     */
    private static void restart(TestDatabase database, long outageMillis) throws SQLException, InterruptedException {
        String name = database.url().substring(database.url().lastIndexOf('/') + 1);
        String admin = database.url().substring(0, database.url().lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(admin, database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            try {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                Thread.sleep(outageMillis);
            } finally {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
        }
    }

    /** Sends the batches in order; a 503 is sent again after a pause, anything else but 202 stops it. */
    private static final class Producer implements Runnable {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicReference<String> retryAfter = new AtomicReference<>();
        final AtomicReference<String> failure = new AtomicReference<>();
        private final HubHttp http;
        private final String key;
        private final List<String> batches;

        Producer(HubHttp http, String key, List<String> batches) {
            this.http = http;
            this.key = key;
            this.batches = batches;
        }

        @Override
        public void run() {
            while (next.get() < batches.size()) {
                HttpResponse<String> r = http.post("/api/v1/events", key, "application/cloudevents-batch+json",
                        batches.get(next.get()));
                if (r.statusCode() == 503) {
                    unavailable.incrementAndGet();
                    retryAfter.set(r.headers().firstValue("Retry-After").orElse(null));
                    pause(1_000);
                    continue;
                }
                if (r.statusCode() != 202) {
                    failure.set("batch " + next.get() + " answered " + r.statusCode() + ": " + r.body());
                    return;
                }
                for (JsonNode receipt : json(r).get("receipts")) {
                    if (receipt.get("status").asString().equals("DUPLICATE")) {
                        duplicates.incrementAndGet();
                    }
                }
                next.incrementAndGet();
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
