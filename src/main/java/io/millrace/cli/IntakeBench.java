package io.millrace.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code millrace bench intake}: starts a hub in this process on a fresh database, issues a
 * producer key and publishes generated, valid batches over real HTTP from concurrent producers;
 * prints accepted events per second and batch latency percentiles.
 */
@Command(name = "intake", mixinStandardHelpOptions = true,
        description = "Throughput of POST /api/v1/events on a fresh hub (embedded H2 unless --db-url).")
public final class IntakeBench implements Callable<Integer> {

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL of an empty database (default: a temporary embedded one).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Option(names = "--events", defaultValue = "200000", description = "Events to publish (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--batch", defaultValue = "500", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--producers", defaultValue = "2", description = "Concurrent producers (default ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--warmup", defaultValue = "20000", description = "Events sent first and not measured (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--with-pipeline", description = "Keep the processing pipeline running during the measurement "
            + "(by default it is paused, so that the figure is intake alone: accepted, durable, not yet posted).")
    boolean withPipeline;

    private static final Pattern KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    public Integer call() throws Exception {
        if (events < 1 || batch < 1 || producers < 1 || warmup < 0) {
            System.err.println("millrace bench intake: --events, --batch and --producers must be positive");
            return 2;
        }
        Path dataDir = Files.createTempDirectory("millrace-bench");
        String adminKey = "bench-admin-" + UUID.randomUUID();
        int port = BenchSupport.freePort();
        HubSettings settings = new HubSettings(port, dataDir, dbUrl, dbUser, dbPassword, null, adminKey,
                Duration.ofMinutes(10));
        ConfigurableApplicationContext hub;
        // the hub reads this like any Spring property; serve's own options do not include it
        System.setProperty("millrace.pipeline.enabled", Boolean.toString(withPipeline));
        try {
            hub = HubLauncher.start(settings);
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace bench intake: " + ex.getMessage());
            return 1;
        }
        try {
            String storage = (settings.embedded() ? "embedded H2 (file)" : "PostgreSQL")
                    + (withPipeline ? ", pipeline running" : ", pipeline paused");
            return run("http://127.0.0.1:" + port, adminKey, storage);
        } finally {
            hub.close();
            BenchSupport.deleteTree(dataDir);
        }
    }

    private int run(String base, String adminKey, String storage) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String producerKey = issueProducerKey(client, base, adminKey);
        String runId = Long.toString(System.nanoTime(), 36);
        if (warmup > 0) {
            drive(client, base, producerKey, "warm-" + runId, warmup);
        }
        long start = System.nanoTime();
        List<Long> latencies = drive(client, base, producerKey, runId, events);
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "intake bench on %s: %d events in batches of %d from %d producers in %.1f s%n",
                storage, events, batch, producers, seconds);
        System.out.printf(Locale.ROOT, "  %,.0f events/s accepted; batch latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                events / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.get(latencies.size() - 1) / 1e6);
        System.out.println("  machine: " + BenchSupport.machine());
        return 0;
    }

    private List<Long> drive(HttpClient client, String base, String key, String runId, int total) throws Exception {
        // bodies are built before the clock starts: the figure is the hub's, not the load generator's
        List<byte[]> bodies = bodies(runId, total);
        AtomicLong next = new AtomicLong();
        List<Callable<List<Long>>> work = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            work.add(() -> {
                List<Long> latencies = new ArrayList<>();
                for (long i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/cloudevents-batch+json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((int) i))).build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t0);
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("the hub answered " + response.statusCode() + ": "
                                + response.body().substring(0, Math.min(500, response.body().length())));
                    }
                }
                return latencies;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : pool.invokeAll(work)) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<byte[]> bodies(String runId, int total) {
        EventGenerator generator = new EventGenerator(runId);
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < total; from += batch) {
            bodies.add(generator.batch(Math.min(batch, total - from)));
        }
        return bodies;
    }

    private static String issueProducerKey(HttpClient client, String base, String adminKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/sources"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"sources\":[\"*\"],"
                        + "\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = KEY.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("could not issue a producer key: " + response.body());
        }
        return m.group(1);
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }
}
