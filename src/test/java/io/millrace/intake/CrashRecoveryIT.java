package io.millrace.intake;

import static io.millrace.testing.Events.completed;
import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubHttp;
import io.millrace.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * An acknowledged event survives the hub process being killed (SIGKILL) at a random moment while
 * producers are sending: after a restart on the same storage every receipt's event is there, and
 * resending it answers DUPLICATE with the same tracking id.
 */
class CrashRecoveryIT {

    private static final String ADMIN_KEY = "crash-admin-key-0123456789abcdefghij";
    private static final String SOURCE = "urn:millrace:plant:P100:mes";

    @TempDir
    Path dataDir;

    /** A batch the hub acknowledged, with its receipts. */
    record Acked(String body, List<String> trackingIds) {
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void everyAcknowledgedEventSurvivesAKillMidStream(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = kind == TestDatabase.Kind.POSTGRES ? TestDatabase.createEmpty(kind) : null;
        Random random = new Random(20261126L + kind.ordinal());
        try {
            Process hub = start(database);
            int port = portOf(hub);
            HubHttp http = new HubHttp(port);
            String key = http.issueKey(ADMIN_KEY, "{\"name\":\"mes\",\"sources\":[\"" + SOURCE + "\"],"
                    + "\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");

            List<Acked> acked = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = new Thread(() -> produce(http, key, acked, stop), "producer");
            producer.start();
            while (acked.size() < 5 && producer.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(800));
            hub.destroyForcibly();
            assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            producer.join(60_000);
            assertThat(acked).hasSizeGreaterThanOrEqualTo(5);

            assertStorageIsTheOneAskedFor(database, acked);
            Process restarted = start(database);
            try {
                HubHttp again = new HubHttp(portOf(restarted));
                for (Acked batch : acked) {
                    for (String trackingId : batch.trackingIds()) {
                        HttpResponse<String> found = again.get("/api/v1/events/" + trackingId, key);
                        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
                        assertThat(json(found).get("state").asString()).isIn("PENDING", "PARKED", "POSTED", "EXCEPTION");
                    }
                    HttpResponse<String> resent = again.post("/api/v1/events", key,
                            "application/cloudevents-batch+json", batch.body());
                    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
                    List<String> statuses = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    json(resent).get("receipts").forEach(r -> {
                        statuses.add(r.get("status").asString());
                        ids.add(r.get("trackingId").asString());
                    });
                    assertThat(statuses).containsOnly("DUPLICATE");
                    assertThat(ids).isEqualTo(batch.trackingIds());
                }
            } finally {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** Guards the test itself: the hub must have written where it was told to, not elsewhere. */
    private void assertStorageIsTheOneAskedFor(TestDatabase database, List<Acked> acked) throws Exception {
        if (database == null) {
            assertThat(dataDir.resolve("millrace.mv.db")).exists();
            return;
        }
        try (var c = database.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM event_log")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(acked.stream().mapToLong(a -> a.trackingIds().size()).sum());
        }
    }

    private static void produce(HubHttp http, String key, List<Acked> acked, AtomicBoolean stop) {
        int batchNo = 0;
        while (!stop.get()) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 50; i++) {
                body.append(i == 0 ? "" : ",").append(completed(SOURCE, "crash-" + batchNo + "-" + i, "P100", "1." + i));
            }
            batchNo++;
            HttpResponse<String> r;
            try {
                r = http.post("/api/v1/events", key, "application/cloudevents-batch+json", body.append(']').toString());
            } catch (IllegalStateException ex) {
                return; // the hub is gone: this batch was never acknowledged
            }
            if (r.statusCode() != 202) {
                return;
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode receipt : json(r).get("receipts")) {
                ids.add(receipt.get("trackingId").asString());
            }
            acked.add(new Acked(body.toString(), ids));
        }
    }

    private Process start(TestDatabase database) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String jar = System.getenv("MILLRACE_JAR");
        assertThat(jar).as("failsafe passes MILLRACE_JAR").isNotBlank();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--admin-key", ADMIN_KEY));
        if (database != null) {
            command.addAll(List.of("--db-url", database.url(), "--db-user", database.user()));
        }
        Path log = Files.createTempFile(dataDir, "hub", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HubHttp http = new HubHttp(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.get("/actuator/health", null).statusCode() == 200) {
                    ports.put(process, port);
                    return process;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the hub did not become healthy:\n" + Files.readString(log));
    }

    private final java.util.Map<Process, Integer> ports = new java.util.HashMap<>();

    private int portOf(Process process) {
        return ports.get(process);
    }
}
