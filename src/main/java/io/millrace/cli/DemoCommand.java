package io.millrace.cli;

import io.millrace.simulator.HubClient;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.SendSettings;
import io.millrace.simulator.TrafficOptions;
import io.millrace.simulator.TrafficSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code millrace demo}: a hub on embedded storage with the demo master data, demo credentials and
 * the plant simulator feeding it, and a status line every few seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a hub on embedded storage with demo master data and credentials, and feeds it "
                + "with simulated plant traffic until stopped.")
public final class DemoCommand implements Callable<Integer> {

    static final String DEMO_MASTER_DATA = "/demo/master-data.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:MILLRACE_PORT:-8080}", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:MILLRACE_DATA_DIR:-./data/demo}",
            description = "Directory of the embedded database (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--rate", defaultValue = "20", description = "Simulated events per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--plants", split = ",", description = "Plants to simulate (default: every plant of the demo data).")
    List<String> plants;

    @Option(names = "--seed", description = "Seed of the simulator (default: a new one each run).")
    Long seed;

    @Option(names = "--status-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print the status line (default ${DEFAULT-VALUE}).")
    Duration statusEvery;

    @Option(names = "--mqtt-url", defaultValue = "${env:MILLRACE_MQTT_URL}",
            description = "MQTT broker for the plant that speaks MQTT (default: a broker embedded in the hub).")
    String mqttUrl;

    @picocli.CommandLine.Mixin
    ErpOptions erp = new ErpOptions();

    @Override
    public Integer call() {
        if (rate < 1 || rate > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be between 1 and 100000, not " + rate);
        }
        String masterJson = demoMasterData();
        MasterDataSet master = MasterDataSet.parse(masterJson);
        List<String> simulated = plants == null || plants.isEmpty() ? PlantTraffic.runnablePlants(master) : plants;
        String adminKey = "mr_demo_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        HubSettings settings = new HubSettings(port, dataDir, null, null, null, null, adminKey, Duration.ofMinutes(10));
        ConfigurableApplicationContext hub;
        try {
            java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(mqttProperties());
            more.putAll(erp.properties(spec.commandLine()));
            hub = HubLauncher.start(settings, more);
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace demo: " + ex.getMessage());
            return 1;
        }
        String base = "http://localhost:" + port;
        HubAdminClient admin = new HubAdminClient(base, adminKey);
        admin.putMasterData(masterJson);
        String quotedPlants = simulated.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        String producer = admin.issueKey("demo-simulator", "producer", quotedPlants);
        String operator = admin.issueKey("demo-operator", "operator", null);
        String auditor = admin.issueKey("demo-auditor", "auditor", null);
        String mqttPlant = simulated.get(0);
        admin.putBinding("demo-" + mqttPlant.toLowerCase(java.util.Locale.ROOT), DemoMqttPlant.binding(mqttPlant));
        List<String> overHttp = simulated.subList(1, simulated.size());
        printBanner(base, adminKey, operator, auditor, producer, simulated);
        System.out.println("  plant " + mqttPlant + " speaks its own JSON over MQTT (" + effectiveMqttUrl + ", topic "
                + DemoMqttPlant.topic(mqttPlant) + "), mapped by binding demo-" + mqttPlant.toLowerCase(java.util.Locale.ROOT)
                + " (GET /api/v1/bindings); the others send CloudEvents over HTTP");
        System.out.println();
        // the MQTT plant sends its share of --rate, the plants over HTTP the rest, so the hub gets --rate in all
        int mqttRate = Math.max(1, rate / simulated.size());
        if (!overHttp.isEmpty()) {
            startSimulator(hub, base, producer, master, overHttp, Math.max(1, rate - mqttRate));
        }
        Thread plant = DemoMqttPlant.start(effectiveMqttUrl, mqttPlant, new PlantTraffic(master, List.of(mqttPlant),
                seed != null ? seed + 1 : new SecureRandom().nextLong(), Clock.systemUTC(), TrafficOptions.defaults()),
                mqttRate);
        hub.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                plant.interrupt();
            }
        });
        startStatusLine(hub, admin);
        return MillraceCommand.STILL_RUNNING;
    }

    private String effectiveMqttUrl;

    /** The given broker, or one embedded in the hub on a free port. */
    private java.util.Map<String, Object> mqttProperties() {
        java.util.Map<String, Object> props = new java.util.LinkedHashMap<>();
        if (mqttUrl == null || mqttUrl.isBlank()) {
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException ex) {
                throw new HubLauncher.StartupFailure("no free port for the embedded MQTT broker: " + ex.getMessage());
            }
            props.put("millrace.mqtt.embedded", "true");
            props.put("millrace.mqtt.embedded-port", port);
            effectiveMqttUrl = "tcp://127.0.0.1:" + port;
        } else {
            effectiveMqttUrl = mqttUrl;
        }
        props.put("millrace.mqtt.url", effectiveMqttUrl);
        props.put("millrace.mqtt.client-id", "millrace-demo-" + port);
        return props;
    }

    private void printBanner(String base, String admin, String operator, String auditor, String producer,
                             List<String> simulated) {
        System.out.println();
        System.out.println("Millrace demo hub: " + base);
        System.out.println("  console    " + base + "/console  (sign in with the operator key below)");
        System.out.println("  storage    embedded, " + dataDir.toAbsolutePath());
        System.out.println("  simulating plants " + String.join(", ", simulated) + " at " + rate + " events/s");
        System.out.println("  credentials (Authorization: Bearer <key>):");
        System.out.println("    admin     " + admin);
        System.out.println("    operator  " + operator);
        System.out.println("    auditor   " + auditor);
        System.out.println("    producer  " + producer);
        System.out.println("  try:  curl -s -H 'Authorization: Bearer " + auditor + "' " + base
                + "/api/v1/ledger/trial-balance");
        System.out.println("Stop with Ctrl-C.");
        System.out.println();
    }

    private void startSimulator(ConfigurableApplicationContext hub, String base, String producer,
                                MasterDataSet master, List<String> simulated, int httpRate) {
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        PlantTraffic traffic = new PlantTraffic(master, simulated, runSeed, Clock.systemUTC(), TrafficOptions.defaults());
        SendSettings send = SendSettings.of(httpRate, null, 0, Math.max(1, Math.min(200, httpRate)), 1);
        TrafficSender sender = new TrafficSender(new HubClient(URI.create(base), producer, Duration.ofSeconds(30)),
                send, line -> { });
        Thread thread = new Thread(() -> sender.run(traffic), "demo-simulator");
        thread.setDaemon(true);
        thread.start();
        hub.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                sender.stop();
            }
        });
    }

    private void startStatusLine(ConfigurableApplicationContext hub, HubAdminClient admin) {
        DemoStatus status = new DemoStatus(admin, Clock.systemUTC());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-status");
            t.setDaemon(true);
            return t;
        });
        long every = statusEvery.toMillis();
        timer.scheduleAtFixedRate(() -> System.out.println(status.line()), every, every, TimeUnit.MILLISECONDS);
        hub.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                timer.shutdownNow();
            }
        });
    }

    static String demoMasterData() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_MASTER_DATA)) {
            if (in == null) {
                throw new IllegalStateException("the demo master data " + DEMO_MASTER_DATA + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read the demo master data: " + ex.getMessage(), ex);
        }
    }
}
