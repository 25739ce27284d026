package io.millrace.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real hub process ({@code java -jar $MILLRACE_JAR serve}) on a free port, on the embedded
 * database under a data directory or on a test PostgreSQL database, with its output in a log file
 * in that directory. Failsafe passes {@code MILLRACE_JAR}.
 */
public final class HubProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a hub and waits until it answers its health check. */
    public static HubProcess start(Path dataDir, String adminKey, TestDatabase database) throws IOException,
            InterruptedException {
        return start(dataDir, adminKey, database, freePort(), List.of());
    }

    /** As {@link #start(Path, String, TestDatabase)}, with more {@code serve} options. */
    public static HubProcess start(Path dataDir, String adminKey, TestDatabase database, List<String> moreOptions)
            throws IOException, InterruptedException {
        return start(dataDir, adminKey, database, freePort(), moreOptions);
    }

    /** Starts a hub on {@code port} and waits until it answers its health check. */
    public static HubProcess start(Path dataDir, String adminKey, TestDatabase database, int port)
            throws IOException, InterruptedException {
        return start(dataDir, adminKey, database, port, List.of());
    }

    /** A port nothing listens on now, for a hub that must come back on the same address. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts a hub on {@code port} with more {@code serve} options and waits until it answers its health check. */
    public static HubProcess start(Path dataDir, String adminKey, TestDatabase database, int port,
                                   List<String> moreOptions) throws IOException, InterruptedException {
        String jar = System.getenv("MILLRACE_JAR");
        if (jar == null || jar.isBlank()) {
            throw new AssertionError("failsafe passes MILLRACE_JAR, the hub's jar");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar, "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--admin-key", adminKey));
        if (database != null) {
            command.addAll(List.of("--db-url", database.url(), "--db-user", database.user()));
            if (!database.password().isEmpty()) {
                command.addAll(List.of("--db-password", database.password()));
            }
        }
        command.addAll(moreOptions);
        Files.createDirectories(dataDir);
        Path log = Files.createTempFile(dataDir, "hub", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HubHttp http = new HubHttp(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.get("/actuator/health", null).statusCode() == 200) {
                    return new HubProcess(process, port, log);
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the hub did not become healthy:\n" + Files.readString(log));
    }

    public HubHttp http() {
        return new HubHttp(port);
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful close of anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the hub did not die");
        }
    }

    /** SIGTERM and wait: a graceful stop that releases the embedded database file. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public Path log() {
        return log;
    }

    /** For a failing test: the hub's warnings and errors, and a thread dump of the running hub. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        try {
            java.util.List<String> problems = Files.readAllLines(log).stream()
                    .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
            problems.subList(Math.max(0, problems.size() - 60), problems.size())
                    .forEach(l -> out.append(l).append('\n'));
            if (process.isAlive()) {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
                String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                jcmd.waitFor(30, TimeUnit.SECONDS);
                int at = dump.indexOf("\"millrace-pipeline\"");
                out.append(at < 0 ? dump : dump.substring(at, Math.min(dump.length(), at + 4000)));
            }
        } catch (IOException ex) {
            out.append("no diagnostics: ").append(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }
}
