package io.millrace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Tryton 6.0 server for tests. The first use in a test run initialises one template
 * database (the modules, then {@code erp/tryton/setup_company.py}: company, minimal chart,
 * Millrace's accounts, fiscal years 2026 and 2027), which takes about half a minute; every
 * server then runs on a copy of it (a SQLite file), on a free port, so tests never share books.
 * Skipped when Tryton is not installed, except under {@code CI=true}, where that is a failure.
 */
public final class TrytonServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-for-tests";
    public static final List<String> MODULES = List.of("account", "company", "party", "product", "stock",
            "production", "purchase", "sale", "country", "currency", "account_invoice", "account_invoice_stock",
            "account_product");
    private static final Path BASE = Path.of("target", "tryton").toAbsolutePath();
    private static final String TEMPLATE = "template";
    private static Path templateDir;

    private final Path dir;
    private final String database;
    private final int port;
    private final Path config;
    private Process process;

    private TrytonServer(Path dir, String database, int port) {
        this.dir = dir;
        this.database = database;
        this.port = port;
        this.config = dir.resolve("trytond.conf");
    }

    /** Skips the calling test when Tryton is not installed, or fails it under CI. */
    public static void requireTryton() {
        if (Files.isExecutable(Path.of("/usr/bin/trytond")) && Files.isExecutable(Path.of("/usr/bin/trytond-admin"))) {
            return;
        }
        String message = "Tryton is not installed (apt-get install --no-install-recommends tryton-server"
                + " tryton-proteus tryton-modules-…; see .ci/run)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (under CI=true a missing server is a failure)");
        }
        Assumptions.abort(message + ": skipped");
    }

    /** A started server on a fresh copy of the template database. */
    public static TrytonServer start() {
        requireTryton();
        Path template = template();
        String database = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            Path dir = Files.createDirectories(BASE.resolve(database));
            Files.copy(template.resolve(TEMPLATE + ".sqlite"), dir.resolve(database + ".sqlite"),
                    StandardCopyOption.REPLACE_EXISTING);
            TrytonServer server = new TrytonServer(dir, database, freePort());
            server.writeConfig();
            server.startProcess();
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String database() {
        return database;
    }

    /** The JSON-RPC URL, {@code http://127.0.0.1:<port>/<database>/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/" + database + "/");
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the server (the database stays); {@link #restart} brings it back on the same port. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized void restart() {
        stop();
        startProcess();
    }

    /** Runs a proteus script (with the OS's Python) against this database; answers its output. */
    public String runScript(String resource, String... args) {
        Path script = dir.resolve(Path.of(resource).getFileName());
        try (var in = TrytonServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "-c", config.toString(),
                "-d", database));
        command.addAll(List.of(args));
        return run(command, Map.of("DB_NAME", database), dir.resolve("script.log"));
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(dir.resolve(database + ".sqlite"));
        } catch (IOException ex) {
            // left for the next clean
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(config, "[database]\nuri = sqlite://\npath = " + dir + "\n\n[web]\nlisten = 127.0.0.1:"
                + port + "\n\n[session]\ntimeout = 3600\n", StandardCharsets.UTF_8);
    }

    private synchronized void startProcess() {
        try {
            process = new ProcessBuilder("/usr/bin/trytond", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("trytond.log").toFile()))
                    .start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("trytond exited with " + process.exitValue() + "; see "
                        + dir.resolve("trytond.log"));
            }
            if (answersLogin()) {
                return;
            }
            sleep(300);
        }
        throw new IllegalStateException("trytond did not answer on port " + port + " within 120 s");
    }

    /** True once the server answers a login: its first answer loads the database's modules, which takes a while. */
    private boolean answersLogin() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException notYet) {
            return false;
        }
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(url()).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":1,\"method\":"
                                    + "\"common.db.login\",\"params\":[\"admin\",{\"password\":\"" + ADMIN_PASSWORD
                                    + "\"}]}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("result");
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static synchronized Path template() {
        if (templateDir != null) {
            return templateDir;
        }
        try {
            Path dir = Files.createDirectories(BASE.resolve("template-" + UUID.randomUUID()));
            Files.writeString(dir.resolve("trytond.conf"), "[database]\nuri = sqlite://\npath = " + dir + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("password"), ADMIN_PASSWORD + "\n", StandardCharsets.UTF_8);
            Files.createFile(dir.resolve(TEMPLATE + ".sqlite"));
            List<String> admin = new ArrayList<>(List.of("/usr/bin/trytond-admin", "-c",
                    dir.resolve("trytond.conf").toString(), "-d", TEMPLATE, "--all", "--email", "admin@example.com",
                    "-u"));
            admin.addAll(MODULES);
            run(admin, Map.of("TRYTONPASSFILE", dir.resolve("password").toString()), dir.resolve("admin.log"));
            TrytonServer setup = new TrytonServer(dir, TEMPLATE, 0);
            setup.runScript("erp/tryton/setup_company.py", "--years", "2026", "2027");
            templateDir = dir;
            return dir;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String run(List<String> command, Map<String, String> env, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in 5 minutes; see " + log);
            }
            String output = Files.readString(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with " + p.exitValue() + ":\n"
                        + output);
            }
            return output;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
