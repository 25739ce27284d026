package io.millrace.cli;

import io.millrace.simulator.HubClient;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.SendSettings;
import io.millrace.simulator.SendSummary;
import io.millrace.simulator.TrafficOptions;
import io.millrace.simulator.TrafficSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code millrace simulate}: feeds a running hub with generated plant traffic. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Sends realistic, valid plant events to a running hub until the duration or event count "
                + "is reached (or until stopped).")
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", defaultValue = "${env:MILLRACE_URL:-http://localhost:8080}",
            description = "The hub's base URL (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:MILLRACE_API_KEY}",
            description = "A producer key allowed to publish for the simulated plants (or MILLRACE_API_KEY).")
    String apiKey;

    @Option(names = "--plants", split = ",", description = "Plants to simulate (default: every plant of the master data).")
    List<String> plants;

    @Option(names = "--rate", defaultValue = "100", description = "Events per second; 0 = as fast as the hub takes them "
            + "(default ${DEFAULT-VALUE}).")
    int rate;

    static final class Limit {
        @Option(names = "--duration", converter = DurationConverter.class,
                description = "How long to send, e.g. 60s, 10m.")
        Duration duration;

        @Option(names = "--events", description = "How many events to send.")
        Long events;
    }

    @ArgGroup(exclusive = true)
    Limit limit;

    @Option(names = "--seed", description = "Seed of the generator; the same seed sends the same events "
            + "(default: a new one each run, printed).")
    Long seed;

    @Option(names = "--batch", defaultValue = "200", description = "Events per request, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--concurrency", defaultValue = "1", description = "Requests in flight at once (default ${DEFAULT-VALUE}). "
            + "More than one lets batches overtake each other, so an order close or a count may reach the hub "
            + "before events it should follow.")
    int concurrency;

    @Option(names = "--early-events", description = "Send some events before what they depend on, so the hub parks them.")
    boolean earlyEvents;

    @Option(names = "--master-data", description = "Read master data from this JSON file instead of from the hub.")
    Path masterData;

    @Option(names = "--currency", defaultValue = "EUR", description = "Currency of supplier invoices (default ${DEFAULT-VALUE}).")
    String currency;

    @Override
    public Integer call() {
        URI hubUrl = hubUrl();
        if (apiKey == null || apiKey.isBlank()) {
            throw bad("--api-key (or MILLRACE_API_KEY) is required");
        }
        SendSettings settings;
        TrafficOptions options;
        try {
            settings = SendSettings.of(rate, limit == null ? null : limit.duration,
                    limit == null || limit.events == null ? 0 : positive(limit.events), batch, concurrency);
            options = new TrafficOptions(earlyEvents, currency);
        } catch (IllegalArgumentException ex) {
            throw bad(ex.getMessage());
        }
        HubClient hub = new HubClient(hubUrl, apiKey, Duration.ofSeconds(30));
        PrintWriter out = spec.commandLine().getOut();
        MasterDataSet master;
        try {
            master = masterData == null ? hub.masterData() : readFile(masterData);
        } catch (HubClient.HubUnavailable ex) {
            spec.commandLine().getErr().println("millrace simulate: " + ex.getMessage());
            return 1;
        }
        long runSeed = seed != null ? seed : System.nanoTime() ^ System.currentTimeMillis();
        List<String> codes = plants == null || plants.isEmpty() ? PlantTraffic.runnablePlants(master) : plants;
        if (codes.isEmpty()) {
            throw bad("no plant of the master data can be simulated: each needs STORE, SUPPLY and FG locations, "
                    + "a work centre and a sales order line for an item made from what it buys");
        }
        PlantTraffic traffic;
        try {
            traffic = new PlantTraffic(master, codes, runSeed, Clock.systemUTC(), options);
        } catch (IllegalArgumentException ex) {
            throw bad(ex.getMessage());
        }
        out.println("simulate: feeding " + hubUrl + " with plants " + String.join(",", codes) + " at "
                + (rate == 0 ? "full speed" : rate + " events/s") + ", seed " + Long.toUnsignedString(runSeed)
                + ", batches of " + batch + ", " + concurrency + " in flight");
        out.flush();
        return send(hub, settings, traffic, out) ? 0 : 1;
    }

    private boolean send(HubClient hub, SendSettings settings, PlantTraffic traffic, PrintWriter out) {
        TrafficSender sender = new TrafficSender(hub, settings, line -> {
            out.println(line);
            out.flush();
        });
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sender.stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SendSummary summary = sender.run(traffic);
            return summary.clean();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stopped this run
            }
        }
    }

    private URI hubUrl() {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw bad("--url must be an http(s) URL such as http://localhost:8080, not '" + url + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException ex) {
            throw bad("--url must be an http(s) URL such as http://localhost:8080, not '" + url + "'");
        }
    }

    private MasterDataSet readFile(Path file) {
        try {
            return MasterDataSet.parse(Files.readString(file));
        } catch (IOException ex) {
            throw bad("cannot read --master-data " + file + ": " + ex.getMessage());
        } catch (IllegalArgumentException ex) {
            throw bad("--master-data " + file + ": " + ex.getMessage());
        }
    }

    private long positive(long events) {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be positive, not " + events);
        }
        return events;
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
