package io.millrace.cli;

import io.millrace.access.KeyIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code millrace serve}: runs the hub until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the hub. Every option can also be given as MILLRACE_<NAME>.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:MILLRACE_PORT:-8080}",
            description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:MILLRACE_DATA_DIR:-./data}",
            description = "Directory of the embedded database (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:MILLRACE_DB_URL}",
            description = "PostgreSQL JDBC URL instead of the embedded database.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:MILLRACE_DB_USER}", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:MILLRACE_DB_PASSWORD}",
            description = "Database password.")
    String dbPassword;

    @Option(names = "--kafka-bootstrap", defaultValue = "${env:MILLRACE_KAFKA_BOOTSTRAP}",
            description = "Kafka bootstrap servers: Kafka as the event backbone instead of the embedded log.")
    String kafkaBootstrap;

    @Option(names = "--admin-key", defaultValue = "${env:MILLRACE_ADMIN_KEY}",
            description = "Creates or keeps an admin credential with this key.")
    String adminKey;

    @Option(names = "--park-window", defaultValue = "${env:MILLRACE_PARK_WINDOW:-10m}",
            converter = DurationConverter.class,
            description = "How long a parked event waits for what it depends on (default ${DEFAULT-VALUE}).")
    Duration parkWindow;

    @Option(names = "--lanes", defaultValue = "${env:MILLRACE_LANES:-1}",
            description = "Lanes by plant that apply the event log in parallel threads, without Kafka "
                    + "(default ${DEFAULT-VALUE}: one applier of the whole log; ADR 0020).")
    int lanes;

    @picocli.CommandLine.Mixin
    ConnectivityOptions connectivity = new ConnectivityOptions();

    @picocli.CommandLine.Mixin
    ErpOptions erp = new ErpOptions();

    @picocli.CommandLine.Mixin
    ObservabilityOptions observability = new ObservabilityOptions();

    @Override
    public Integer call() {
        java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(connectivity.properties());
        more.putAll(erp.properties(new picocli.CommandLine(this)));
        more.putAll(observability.properties(new picocli.CommandLine(this)));
        more.put("millrace.pipeline.lanes", lanes);
        return run(settings(), more);
    }

    HubSettings settings() {
        if (port < 1 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--port must be between 1 and 65535, not " + port);
        }
        if (adminKey != null && !adminKey.isEmpty() && adminKey.length() < KeyIssuer.MIN_ADMIN_KEY_LENGTH) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--admin-key must be at least "
                    + KeyIssuer.MIN_ADMIN_KEY_LENGTH + " characters long, not " + adminKey.length());
        }
        if (lanes < 1 || lanes > 64) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--lanes must be between 1 and 64, not " + lanes);
        }
        return new HubSettings(port, dataDir, dbUrl, dbUser, dbPassword, kafkaBootstrap, adminKey, parkWindow);
    }

    static int run(HubSettings settings) {
        return run(settings, java.util.Map.of());
    }

    static int run(HubSettings settings, java.util.Map<String, Object> more) {
        try {
            HubLauncher.start(settings, more);
            return MillraceCommand.STILL_RUNNING;
        } catch (HubLauncher.StartupFailure ex) {
            System.err.println("millrace: " + ex.getMessage());
            return 1;
        }
    }
}
