package io.millrace.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code millrace bench pipeline}: a hub in this process on a fresh database with the demo master
 * data; a pre-generated plant stream is sent over real HTTP, first a warm-up that is drained, then
 * the measured events, at full speed or at a target rate. Prints the end-to-end throughput
 * (acceptance to posting), the intake throughput and the acceptance-to-posting latencies, as the
 * pipeline itself recorded them.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "End-to-end throughput and latency (accepted -> posted) of a fresh hub "
                + "(embedded H2 unless --db-url).")
public final class PipelineBench implements Callable<Integer> {

    private static final Duration STALL = Duration.ofMinutes(2);

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL of an empty database (default: a temporary embedded one).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Option(names = "--events", defaultValue = "100000", description = "Measured events (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--warmup", defaultValue = "20000", description = "Events sent and posted before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "0", description = "Events per second of all producers together; "
            + "0 = as fast as the hub takes them (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--batch", defaultValue = "500", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--producers", defaultValue = "2", description = "Concurrent producers; each plant's events go "
            + "through one of them, in order (default ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--lanes", defaultValue = "1", description = "Lanes by plant applying the log (serve --lanes; "
            + "default ${DEFAULT-VALUE}).")
    int lanes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated stream (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || warmup < 0 || rate < 0 || batch < 1 || batch > 1000 || producers < 1 || lanes < 1
                || lanes > 64) {
            System.err.println("millrace bench pipeline: --events and --producers must be positive, --batch 1 to 1000, "
                    + "--lanes 1 to 64, --warmup and --rate not negative");
            return 2;
        }
        String masterJson = DemoCommand.demoMasterData();
        MasterDataSet master = MasterDataSet.parse(masterJson);
        List<String> plants = PlantTraffic.runnablePlants(master);
        System.out.printf(Locale.ROOT, "generating %,d events of plants %s (seed %d)...%n", warmup + events,
                String.join(",", plants), seed);
        List<ObjectNode> stream = PlantTraffic.generate(master, plants, seed, warmup + events);
        if (stream.size() < warmup + events) {
            System.err.println("millrace bench pipeline: the demo plants run out of work after " + stream.size() + " events");
            return 2;
        }
        BenchProducers warm = BenchProducers.split(stream.subList(0, warmup), producers, batch);
        BenchProducers measured = BenchProducers.split(stream.subList(warmup, stream.size()), producers, batch);
        stream = null; // the serialized requests are all that is sent
        Path dataDir = Files.createTempDirectory("millrace-bench");
        String adminKey = "bench-admin-" + UUID.randomUUID();
        int port = BenchSupport.freePort();
        HubSettings settings = new HubSettings(port, dataDir, dbUrl, dbUser, dbPassword, null, adminKey,
                Duration.ofMinutes(10));
        ConfigurableApplicationContext hub;
        try {
            hub = HubLauncher.start(settings, java.util.Map.of("millrace.pipeline.lanes", lanes));
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace bench pipeline: " + ex.getMessage());
            return 1;
        }
        try {
            String storage = settings.embedded() ? "embedded H2 (file)" : "PostgreSQL";
            return run(hub, "http://127.0.0.1:" + port, adminKey, masterJson, plants, warm, measured, storage);
        } finally {
            hub.close();
            BenchSupport.deleteTree(dataDir);
        }
    }

    private int run(ConfigurableApplicationContext hub, String base, String adminKey, String masterJson,
                    List<String> plants, BenchProducers warm, BenchProducers measured, String storage) throws Exception {
        EventLog log = hub.getBean(EventLog.class);
        if (total(log.backlog()) != 0) {
            System.err.println("millrace bench pipeline: the database already holds events; give an empty one");
            return 2;
        }
        PostingFigures figures = new PostingFigures(hub.getBean(DataSource.class), hub.getBean(MeterRegistry.class));
        HubAdminClient admin = new HubAdminClient(base, adminKey);
        admin.putMasterData(masterJson);
        String key = admin.issueKey("bench-producer", "producer",
                plants.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",")));
        if (warm.events() > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %,d events...%n", warm.events());
            warm.send(base, key, 0);
            figures.awaitTimerCounted(awaitDrained(log, warm.events()).posted());
        }
        long measuredAfter = figures.lastPosition();
        TreeMap<Double, Long> timerBefore = figures.commitHistogram();
        String loadBefore = BenchSupport.loadAverage();
        System.out.printf(Locale.ROOT, "measuring: %,d events %s...%n", measured.events(),
                rate == 0 ? "at full speed" : "at " + rate + " events/s");
        double sendSeconds = measured.send(base, key, rate);
        Backlog end = awaitDrained(log, warm.events() + measured.events());
        figures.awaitTimerCounted(end.posted());
        PostingFigures.Figures f = figures.after(measuredAfter);
        String timer = PostingFigures.commitLatencies(timerBefore, figures.commitHistogram());
        System.out.printf(Locale.ROOT, "pipeline bench on %s: %,d events (after %,d warm-up) %s, batches of %d from %d "
                        + "producers (one per plant), %s%n", storage, measured.events(), warm.events(),
                rate == 0 ? "at full speed" : "paced at " + rate + " events/s", batch, measured.producers(),
                lanes == 1 ? "one applier" : lanes + " lanes");
        System.out.printf(Locale.ROOT, "  end to end  %,8.0f events/s posted (first acceptance to last posting, %.1f s)%n",
                f.endToEndPerSecond(), Duration.between(f.firstAccepted(), f.lastPosted()).toMillis() / 1e3);
        System.out.printf(Locale.ROOT, "  intake      %,8.0f events/s accepted (%.1f s of sending)%n",
                measured.events() / sendSeconds, sendSeconds);
        System.out.println("  accepted -> POSTED step:  " + f.latencies());
        System.out.println("  accepted -> committed (" + PostingFigures.TIMER + "): " + timer);
        System.out.printf(Locale.ROOT, "  posted %,d of %,d measured; whole log: %,d posted, %,d parked, %,d exceptions%n",
                f.posted(), measured.events(), end.posted(), end.parked(), end.exceptions());
        System.out.println("  load average before " + loadBefore + ", after " + BenchSupport.loadAverage());
        System.out.println("  machine: " + BenchSupport.machine());
        return f.posted() == measured.events() ? 0 : 1;
    }

    /** Waits until no event is pending and all {@code expected} are in the log; fails when nothing moves for long. */
    private static Backlog awaitDrained(EventLog log, long expected) throws InterruptedException {
        Backlog last = log.backlog();
        long lastChange = System.nanoTime();
        while (last.pending() > 0 || total(last) < expected) {
            Thread.sleep(20);
            Backlog now = log.backlog();
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                throw new IllegalStateException("the pipeline made no progress for " + STALL.toMinutes()
                        + " minutes: " + now);
            }
        }
        return last;
    }

    private static long total(Backlog b) {
        return b.pending() + b.parked() + b.posted() + b.exceptions();
    }
}
