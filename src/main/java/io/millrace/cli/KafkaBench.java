package io.millrace.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code millrace bench kafka}: end-to-end throughput of one or more hub instances with Kafka as
 * the backbone, on one empty PostgreSQL database: starts the instances in this process, loads the
 * demo master data, sends generated plant traffic in batches (each plant through one instance,
 * in order) over the instances and measures from the first request until nothing is
 * pending and nothing parked on the way still waits (at most a minute after the last pending event
 * was taken up). Prints events per second accepted and applied.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "End-to-end events/s of hub instances on Kafka and one PostgreSQL database.")
public final class KafkaBench implements Callable<Integer> {

    @Option(names = "--kafka-bootstrap", required = true, description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--db-url", required = true, description = "JDBC URL of an empty PostgreSQL database.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Option(names = "--instances", defaultValue = "2", description = "Hub instances (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--events", defaultValue = "20000", description = "Events to send (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--batch", defaultValue = "250", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    private static final Pattern KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("\"(pending|parked|exceptions|posted)\"\\s*:\\s*(\\d+)");

    @Override
    public Integer call() throws Exception {
        if (instances < 1 || events < 1 || batch < 1) {
            System.err.println("millrace bench kafka: --instances, --events and --batch must be positive");
            return 2;
        }
        String adminKey = "bench-admin-" + UUID.randomUUID();
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6) + ".";
        System.setProperty("millrace.kafka.topic", prefix + "events");
        System.setProperty("millrace.kafka.inbound-topic", prefix + "inbound");
        System.setProperty("millrace.kafka.rejected-topic", prefix + "rejected");
        System.setProperty("millrace.kafka.outbound-topic", prefix + "outbound");
        System.setProperty("millrace.kafka.group", prefix + "hub");
        List<ConfigurableApplicationContext> hubs = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                int port = BenchSupport.freePort();
                Path dataDir = Files.createTempDirectory("millrace-bench-kafka");
                hubs.add(HubLauncher.start(new HubSettings(port, dataDir, dbUrl, dbUser, dbPassword, bootstrap, adminKey,
                        Duration.ofMinutes(10))));
                bases.add("http://127.0.0.1:" + port);
            }
            return run(hubs, bases, adminKey);
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace bench kafka: " + ex.getMessage());
            return 1;
        } finally {
            hubs.forEach(ConfigurableApplicationContext::close);
        }
    }

    private int run(List<ConfigurableApplicationContext> hubs, List<String> bases, String adminKey) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        String masterJson;
        try (InputStream in = KafkaBench.class.getResourceAsStream("/demo/master-data.json")) {
            masterJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        check(client.send(request(bases.get(0) + "/api/v1/master-data", adminKey, "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(masterJson)).build(), HttpResponse.BodyHandlers.ofString()), 200);
        HttpResponse<String> issued = client.send(request(bases.get(0) + "/api/v1/sources", adminKey, "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"sources\":[\"*\"],\"plants\":[\"*\"],"
                        + "\"eventTypes\":[\"*\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = KEY.matcher(issued.body());
        if (!m.find()) {
            throw new IllegalStateException("could not issue a producer key: " + issued.body());
        }
        String key = m.group(1);
        // the full traffic, backflushes and counts included: each plant sends through one instance in its
        // own order, and the topic keyed by plant keeps that order for applying (ADR 17)
        List<ObjectNode> stream = PlantTraffic.generate(master, PlantTraffic.runnablePlants(master), 42L, events,
                Clock.fixed(PlantTraffic.DEFAULT_TIME, ZoneOffset.UTC), TrafficOptions.defaults());
        List<List<String>> bodies = routedByPlant(stream, bases.size());
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(bases.size());
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            String base = bases.get(i);
            List<String> own = bodies.get(i);
            work.add(() -> {
                for (String body : own) {
                    check(client.send(request(base + "/api/v1/events", key, "application/cloudevents-batch+json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString()), 202);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : senders.invokeAll(work)) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        double accepted = (System.nanoTime() - start) / 1e9;
        // taken up: nothing pending, and what was parked on the way (an instance's partitions running
        // ahead of another's) posted too, or a minute without progress
        Map<String, Long> counts;
        long settleBy = Long.MAX_VALUE;
        do {
            Thread.sleep(100);
            counts = backlog(client, bases.get(0), adminKey);
            if (counts.getOrDefault("pending", -1L) == 0 && settleBy == Long.MAX_VALUE) {
                settleBy = System.nanoTime() + 60_000_000_000L;
            }
        } while (counts.getOrDefault("pending", -1L) != 0
                || counts.getOrDefault("parked", 0L) != 0 && System.nanoTime() < settleBy);
        double applied = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "kafka bench, %d instance(s), %d events in batches of %d:%n", bases.size(), events,
                batch);
        System.out.printf(Locale.ROOT, "  accepted (202, on the topic) in %.1f s: %,.0f events/s%n", accepted,
                events / accepted);
        System.out.printf(Locale.ROOT, "  applied end to end in %.1f s: %,.0f events/s%n", applied, events / applied);
        System.out.printf(Locale.ROOT, "  then: %,d posted, %,d parked, %,d exceptions%n", counts.getOrDefault("posted", 0L),
                counts.getOrDefault("parked", 0L), counts.getOrDefault("exceptions", 0L));
        for (int i = 0; i < hubs.size(); i++) {
            System.out.println("  instance " + (i + 1) + ": " + Applying.of(hubs.get(i).getBean(MeterRegistry.class)));
        }
        System.out.printf(Locale.ROOT, "  machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        return 0;
    }

    /** What one instance's applying did, from its own meters. */
    record Applying(double posted, double transactionSeconds, double cpuSeconds, double lockWaitSeconds) {

        static Applying of(MeterRegistry registry) {
            double posted = registry.find("millrace.events.posted").counters().stream().mapToDouble(Counter::count)
                    .sum();
            Timer transactions = registry.find("millrace.pipeline.transactions").timer();
            Counter cpu = registry.find("millrace.pipeline.cpu").counter();
            Timer locks = registry.find("millrace.pipeline.lock.wait").timer();
            return new Applying(posted, transactions == null ? 0 : transactions.totalTime(TimeUnit.SECONDS),
                    cpu == null ? 0 : cpu.count(), locks == null ? 0 : locks.totalTime(TimeUnit.SECONDS));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f events posted, applying CPU %.3f ms per event, "
                    + "%.1f %% of applying time waiting for locks", posted, posted == 0 ? 0 : cpuSeconds * 1000 / posted,
                    transactionSeconds == 0 ? 0 : lockWaitSeconds * 100 / transactionSeconds);
        }
    }

    /**
     * The stream's batches for each instance: every plant's events go through one instance, in the
     * stream's order, as a plant's systems would send to one endpoint.
     */
    private List<List<String>> routedByPlant(List<ObjectNode> stream, int instances) {
        List<List<ObjectNode>> routed = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            routed.add(new ArrayList<>());
        }
        for (ObjectNode event : stream) {
            routed.get(Math.floorMod(event.path("plant").asString().hashCode(), instances)).add(event);
        }
        List<List<String>> bodies = new ArrayList<>();
        for (List<ObjectNode> own : routed) {
            List<String> batches = new ArrayList<>();
            for (int from = 0; from < own.size(); from += batch) {
                batches.add(own.subList(from, Math.min(own.size(), from + batch)).toString());
            }
            bodies.add(batches);
        }
        return bodies;
    }

    private static Map<String, Long> backlog(HttpClient client, String base, String adminKey) throws Exception {
        String body = client.send(request(base + "/api/v1/pipeline/backlog", adminKey, null).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counts = new HashMap<>();
        Matcher c = COUNT.matcher(body);
        while (c.find()) {
            counts.put(c.group(1), Long.parseLong(c.group(2)));
        }
        return counts;
    }

    private static HttpRequest.Builder request(String uri, String key, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + key);
        return contentType == null ? b : b.header("Content-Type", contentType);
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("the hub answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
