package io.millrace.cli;

import io.millrace.MillraceHub;
import io.millrace.storage.DatabaseUrls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a hub process from {@link HubSettings}. Checks what an operator most often gets wrong
 * before Spring starts, so that each failure is one line naming the cause.
 */
public final class HubLauncher {

    private HubLauncher() {
    }

    public static ConfigurableApplicationContext start(HubSettings settings) {
        return start(settings, java.util.Map.of());
    }

    /** As {@link #start(HubSettings)}, with further Spring properties (from options of other modules). */
    public static ConfigurableApplicationContext start(HubSettings settings, java.util.Map<String, Object> more) {
        checkPortFree(settings.port());
        checkDatabase(settings);
        try {
            java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(settings.toProperties());
            all.putAll(more);
            // passed as command-line arguments: default properties would lose to application.properties
            String[] args = all.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            return new SpringApplicationBuilder(MillraceHub.class).run(args);
        } catch (RuntimeException ex) {
            throw new StartupFailure(describe(ex, settings));
        }
    }

    static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException ex) {
            throw new StartupFailure("port " + port + " is already in use (choose another with --port)");
        }
    }

    private static void checkDatabase(HubSettings settings) {
        if (settings.embedded()) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException ex) {
                throw new StartupFailure("cannot create the data directory " + settings.dataDir()
                        + ": " + ex.getMessage());
            }
            if (!Files.isWritable(settings.dataDir())) {
                throw new StartupFailure("the data directory " + settings.dataDir() + " is not writable");
            }
            return;
        }
        if (!DatabaseUrls.isPostgres(settings.dbUrl())) {
            throw new StartupFailure("--db-url must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/millrace, not '" + settings.dbUrl() + "'");
        }
        Properties props = new Properties();
        if (settings.dbUser() != null) {
            props.setProperty("user", settings.dbUser());
        }
        if (settings.dbPassword() != null) {
            props.setProperty("password", settings.dbPassword());
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(settings.dbUrl(), props)) {
            // reachable
        } catch (SQLException ex) {
            throw new StartupFailure("cannot reach the database at " + settings.dbUrl() + ": "
                    + firstLine(ex.getMessage()));
        }
    }

    private static String describe(Throwable ex, HubSettings settings) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException) {
                return "port " + settings.port() + " is already in use (choose another with --port)";
            }
            if (t instanceof SQLException sql) {
                return "database error at " + settings.jdbcUrl() + ": " + firstLine(sql.getMessage());
            }
        }
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "the hub did not start: " + firstLine(String.valueOf(root.getMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A start-up failure already phrased for the operator. */
    public static final class StartupFailure extends RuntimeException {
        public StartupFailure(String message) {
            super(message);
        }
    }
}
