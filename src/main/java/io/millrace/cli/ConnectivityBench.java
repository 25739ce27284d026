package io.millrace.cli;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.millrace.connectivity.file.FileInbox;
import io.millrace.connectivity.mqtt.MqttChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code millrace bench connectivity}: starts a hub in this process on a fresh embedded database
 * (pipeline paused) with the MQTT channel on a broker and an inbox directory, stores a JSON
 * binding on MQTT and a CSV binding on files, then measures mapped MQTT messages accepted per
 * second (QoS 1, acknowledged after durable acceptance) and file rows accepted per second.
 */
@Command(name = "connectivity", mixinStandardHelpOptions = true,
        description = "Mapped MQTT messages and inbox file rows accepted per second on a fresh hub.")
public final class ConnectivityBench implements Callable<Integer> {

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", description = "Broker (default ${DEFAULT-VALUE}).")
    String mqttUrl;

    @Option(names = "--messages", defaultValue = "5000", description = "MQTT messages (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--files", defaultValue = "20", description = "CSV files (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--rows", defaultValue = "1000", description = "Rows per CSV file (default ${DEFAULT-VALUE}).")
    int rows;

    private static final int WINDOW = 500;

    private static final String MAPPING = "{'type': 'mfg.production.material.consumed', 'time': message.at, "
            + "'data': {'orderId': message.wo, 'item': message.mat, 'lot': message.batch, 'quantity': message.qty, "
            + "'uom': message.unit, 'location': 'P100-LINE'}}";

    /** A CSV cell is text: the quantity becomes a number in the mapping, as a plant's CSV binding does. */
    private static final String CSV_MAPPING = MAPPING.replace("message.qty", "$number(message.qty)");

    /** How long the bench waits without progress before it stops and says what it saw. */
    private static final Duration STALL = Duration.ofMinutes(2);

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("millrace-bench");
        Path inbox = dataDir.resolve("inbox");
        String adminKey = "bench-admin-" + UUID.randomUUID();
        int port = BenchSupport.freePort();
        HubSettings settings = new HubSettings(port, dataDir, null, null, null, null, adminKey, Duration.ofMinutes(10));
        System.setProperty("millrace.pipeline.enabled", "false");
        String run = Long.toString(System.nanoTime(), 36);
        ConfigurableApplicationContext hub;
        try {
            hub = HubLauncher.start(settings, Map.of("millrace.mqtt.url", mqttUrl, "millrace.mqtt.client-id",
                    "millrace-bench-" + run, "millrace.inbox-dir", inbox.toString(),
                    "millrace.inbox.poll-interval-ms", "50", "millrace.mqtt.session-expiry", "1m"));
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace bench connectivity: " + ex.getMessage());
            return 1;
        }
        try {
            String base = "http://127.0.0.1:" + port;
            put(base, adminKey, "bench-mqtt", "{\"channel\":\"mqtt\",\"topic\":\"bench/" + run + "/+\",\"format\":"
                    + "\"json\",\"source\":\"urn:millrace:plant:P100:gw\",\"plants\":[\"P100\"],\"eventTypes\":[\"*\"],"
                    + "\"mapping\":\"" + MAPPING + "\"}");
            put(base, adminKey, "bench-files", "{\"channel\":\"file\",\"topic\":\"bench\",\"format\":\"csv\","
                    + "\"source\":\"urn:millrace:plant:P100:wms\",\"plants\":[\"P100\"],\"eventTypes\":[\"*\"],"
                    + "\"mapping\":\"" + CSV_MAPPING + "\"}");
            Thread.sleep(2000);
            System.out.printf(Locale.ROOT, "hub up; publishing %,d mapped MQTT messages to %s%n", messages, mqttUrl);
            double mqtt = mqtt(hub.getBean(MqttChannel.class), run);
            System.out.printf(Locale.ROOT, "  MQTT done (%,.0f messages/s); dropping %d CSV files of %,d rows%n", mqtt,
                    files, rows);
            double fileRows = files(hub.getBean(FileInbox.class), inbox.resolve("bench"));
            System.out.printf(Locale.ROOT, "connectivity bench on embedded H2 (file), pipeline paused:%n");
            System.out.printf(Locale.ROOT, "  MQTT: %,d mapped messages (QoS 1, one event each): %,.0f messages/s "
                    + "accepted%n", messages, mqtt);
            System.out.printf(Locale.ROOT, "  files: %d CSV files of %,d rows: %,.0f rows/s accepted%n", files, rows,
                    fileRows);
            System.out.println("  machine: " + BenchSupport.machine());
            return 0;
        } catch (Refused | Stalled ex) {
            System.err.println("millrace bench connectivity: " + ex.getMessage());
            return 1;
        } finally {
            hub.close();
            BenchSupport.deleteTree(dataDir);
        }
    }

    private double mqtt(MqttChannel channel, String run) throws Exception {
        URI uri = URI.create(mqttUrl);
        Mqtt5AsyncClient plant = Mqtt5Client.builder().identifier("bench-plant-" + run).serverHost(uri.getHost())
                .serverPort(uri.getPort() < 0 ? 1883 : uri.getPort()).buildAsync();
        plant.connect().join();
        List<byte[]> payloads = new ArrayList<>();
        for (int n = 0; n < messages; n++) {
            payloads.add(message(run, n).getBytes(StandardCharsets.UTF_8));
        }
        long before = channel.acceptedMessages();
        long start = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int n = 0; n < messages; n++) {
            // a broker keeps a bounded queue per session (Mosquitto: max_queued_messages, 1000 by default)
            // and drops beyond it, so the plant keeps at most WINDOW messages ahead of the hub
            long ahead = n - WINDOW;
            await("MQTT messages", () -> channel.acceptedMessages() - before, ahead, channel::rejectedMessages,
                    () -> "refused to millrace/rejected/bench-mqtt");
            sent.add(plant.publishWith().topic("bench/" + run + "/" + (n % 8)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payloads.get(n)).send());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        await("MQTT messages", () -> channel.acceptedMessages() - before, messages, channel::rejectedMessages,
                () -> "refused to millrace/rejected/bench-mqtt");
        double seconds = (System.nanoTime() - start) / 1e9;
        plant.disconnect().join();
        return messages / seconds;
    }

    private double files(FileInbox inbox, Path folder) throws Exception {
        Files.createDirectories(folder);
        List<Path> parts = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            StringBuilder csv = new StringBuilder("wo,mat,batch,qty,unit,at\n");
            for (int r = 0; r < rows; r++) {
                csv.append("MO-B").append(f).append(",RM-STEEL,L").append(r).append(',').append(1 + r % 9)
                        .append(",kg,2026-11-26T08:00:00Z\n");
            }
            Path part = folder.resolve("f" + f + ".csv.part");
            Files.writeString(part, csv);
            parts.add(part);
        }
        long before = inbox.acceptedEvents();
        long start = System.nanoTime();
        for (Path part : parts) {
            Files.move(part, part.resolveSibling(part.getFileName().toString().replace(".part", "")));
        }
        await("file rows", () -> inbox.acceptedEvents() - before, (long) files * rows, inbox::rejectedFiles,
                () -> "rejected: " + firstProblem(folder.resolve("rejected")));
        return (double) files * rows / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Waits until {@code done} reaches {@code wanted}. Stops at once when anything is refused (a refused
     * message or file would never count, so waiting would only hide it) and when nothing moved for
     * {@link #STALL}, saying how far it got.
     */
    private static void await(String what, LongSupplier done, long wanted, LongSupplier refused,
                              Supplier<String> why)
            throws InterruptedException {
        long refusedBefore = refused.getAsLong();
        long seen = done.getAsLong();
        long lastMove = System.nanoTime();
        while (seen < wanted) {
            if (refused.getAsLong() > refusedBefore) {
                throw new Refused(what + ": " + (refused.getAsLong() - refusedBefore) + " " + why.get());
            }
            if (System.nanoTime() - lastMove > STALL.toNanos()) {
                throw new Stalled(what + ": only " + seen + " of " + wanted + " accepted, none in the last "
                        + STALL.toMinutes() + " min");
            }
            Thread.sleep(5);
            long now = done.getAsLong();
            if (now != seen) {
                seen = now;
                lastMove = System.nanoTime();
            }
        }
    }

    /** The start of the first problem file in {@code rejected}, so that a refused file is explained at once. */
    private static String firstProblem(Path rejected) {
        try (DirectoryStream<Path> problems = Files.newDirectoryStream(rejected, "*.problem.json")) {
            for (Path p : problems) {
                String text = Files.readString(p).replaceAll("\\s+", " ");
                return p.getFileName() + ": " + text.substring(0, Math.min(400, text.length())) + "...";
            }
        } catch (IOException ex) {
            return "no problem file (" + ex.getMessage() + ")";
        }
        return "no problem file";
    }

    /** Something the bench sent was refused: the figures would be meaningless. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Nothing was accepted for too long. */
    private static final class Stalled extends RuntimeException {
        Stalled(String message) {
            super(message);
        }
    }

    private static String message(String run, int n) {
        return "{\"wo\":\"MO-" + run + "\",\"mat\":\"RM-STEEL\",\"batch\":\"L" + n + "\",\"qty\":" + (1 + n % 9)
                + ",\"unit\":\"kg\",\"at\":\"2026-11-26T08:00:00Z\"}";
    }

    private static void put(String base, String adminKey, String name, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/bindings/" + name)).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("storing binding " + name + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
