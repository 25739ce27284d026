package io.millrace.cli;

import io.millrace.edge.EdgeReports;
import io.millrace.edge.MillraceEdge;
import io.millrace.storage.DatabaseUrls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code millrace edge}: the plant edge agent. Takes events as the hub does, keeps them in its own
 * embedded store and forwards them to the hub, printing a status line every few seconds.
 */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = "Starts a plant edge agent: the hub's intake at the plant, with its own durable store, "
                + "forwarding to the hub in order, exactly once. Every option can also be given as MILLRACE_<NAME>.")
public final class EdgeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hub", defaultValue = "${env:MILLRACE_HUB}", required = true,
            description = "Base URL of the hub, e.g. https://hub.example.com:8080.")
    String hub;

    @Option(names = "--key", defaultValue = "${env:MILLRACE_KEY}", required = true,
            description = "The hub's producer key the edge agent forwards with; producers at the plant send it too.")
    String key;

    @Option(names = "--port", defaultValue = "${env:MILLRACE_PORT:-8090}",
            description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:MILLRACE_DATA_DIR:-./edge-data}",
            description = "Directory of the edge agent's store and its copy of the hub's catalog "
                    + "(default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--bindings-dir", defaultValue = "${env:MILLRACE_BINDINGS_DIR}",
            description = "Folder of the plant's bindings, one <name>.json each with the body the hub's "
                    + "PUT /api/v1/bindings/{name} takes (default: <data-dir>/bindings).")
    Path bindingsDir;

    @Option(names = "--mqtt-url", defaultValue = "${env:MILLRACE_MQTT_URL}",
            description = "The plant's MQTT broker for MQTT bindings, e.g. tcp://127.0.0.1:1883.")
    String mqttUrl;

    @Option(names = "--mqtt-user", defaultValue = "${env:MILLRACE_MQTT_USER}", description = "MQTT user.")
    String mqttUser;

    @Option(names = "--mqtt-password", defaultValue = "${env:MILLRACE_MQTT_PASSWORD}", description = "MQTT password.")
    String mqttPassword;

    @Option(names = "--mqtt-client-id", defaultValue = "${env:MILLRACE_MQTT_CLIENT_ID:-millrace-edge}",
            description = "Client id of the edge agent's persistent MQTT session (default ${DEFAULT-VALUE}).")
    String mqttClientId;

    @Option(names = "--inbox-dir", defaultValue = "${env:MILLRACE_INBOX_DIR}",
            description = "Inbox of the file channel: a folder per file binding.")
    Path inboxDir;

    @Option(names = "--status-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print the status line (default ${DEFAULT-VALUE}; 0s: never).")
    Duration statusEvery;

    @Override
    public Integer call() {
        URI hubUrl = hubUrl();
        if (key == null || key.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not "
                    + port);
        }
        ConfigurableApplicationContext edge;
        try {
            edge = start(hubUrl);
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace edge: " + ex.getMessage());
            return 1;
        }
        System.out.println();
        System.out.println("Millrace edge agent: http://localhost:" + port + "  forwarding to " + hubUrl);
        System.out.println("  storage    embedded, " + dataDir.toAbsolutePath());
        System.out.println("  producers send to POST http://localhost:" + port + "/api/v1/events with the hub key;"
                + " status: GET /api/v1/edge/status");
        System.out.println("  bindings   " + (bindingsDir != null ? bindingsDir : dataDir.resolve("bindings"))
                .toAbsolutePath() + " (GET /api/v1/catalog/bindings)" + (mqttUrl == null || mqttUrl.isBlank() ? ""
                : ", MQTT " + mqttUrl) + (inboxDir == null ? "" : ", inbox " + inboxDir.toAbsolutePath()));
        System.out.println("Stop with Ctrl-C.");
        System.out.println();
        startStatusLine(edge);
        return MillraceCommand.STILL_RUNNING;
    }

    private URI hubUrl() {
        try {
            URI uri = URI.create(hub.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException ex) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hub must be the hub's http(s) base URL, "
                    + "e.g. http://hub:8080, not '" + hub + "'");
        }
    }

    private ConfigurableApplicationContext start(URI hubUrl) {
        HubLauncher.checkPortFree(port);
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException ex) {
            throw new HubLauncher.StartupFailure("cannot create the data directory " + dataDir + ": " + ex.getMessage());
        }
        if (!Files.isWritable(dataDir)) {
            throw new HubLauncher.StartupFailure("the data directory " + dataDir + " is not writable");
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.application.name=millrace-edge",
                "--spring.datasource.url=" + DatabaseUrls.embedded(dataDir),
                "--spring.datasource.username=sa",
                "--spring.datasource.password=",
                // the hub's migrations give the event log; db/edge adds the forwarding state
                "--spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor},classpath:db/edge",
                "--millrace.kafka.bootstrap=",
                "--millrace.edge.hub=" + hubUrl,
                "--millrace.edge.key=" + key,
                "--millrace.edge.data-dir=" + dataDir.toAbsolutePath(),
                "--millrace.bindings.dir=" + (bindingsDir != null ? bindingsDir : dataDir.resolve("bindings"))
                        .toAbsolutePath()));
        if (mqttUrl != null && !mqttUrl.isBlank()) {
            args.add("--millrace.mqtt.url=" + mqttUrl);
            args.add("--millrace.mqtt.client-id=" + mqttClientId);
            if (mqttUser != null) {
                args.add("--millrace.mqtt.user=" + mqttUser);
            }
            if (mqttPassword != null) {
                args.add("--millrace.mqtt.password=" + mqttPassword);
            }
        }
        if (inboxDir != null) {
            args.add("--millrace.inbox-dir=" + inboxDir.toAbsolutePath());
        }
        try {
            return new SpringApplicationBuilder(MillraceEdge.class).run(args.toArray(String[]::new));
        } catch (RuntimeException ex) {
            Throwable root = ex;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new HubLauncher.StartupFailure("the edge agent did not start: " + root.getMessage());
        }
    }

    private void startStatusLine(ConfigurableApplicationContext edge) {
        if (statusEvery.isZero()) {
            return;
        }
        EdgeStatusLine status = new EdgeStatusLine(edge.getBean(EdgeReports.class), Clock.systemUTC());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-status");
            t.setDaemon(true);
            return t;
        });
        long every = statusEvery.toMillis();
        timer.scheduleAtFixedRate(() -> System.out.println(status.line()), every, every, TimeUnit.MILLISECONDS);
        edge.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                timer.shutdownNow();
            }
        });
    }
}
