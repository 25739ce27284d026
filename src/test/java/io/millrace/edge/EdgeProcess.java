package io.millrace.edge;

import io.millrace.testing.HubHttp;
import io.millrace.testing.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A real edge agent process ({@code java -jar $MILLRACE_JAR edge}) on a free port with its data
 * directory, its output in a log file there; killed with SIGKILL like a plant machine losing power.
 */
final class EdgeProcess {

    private final Process process;
    private final int port;
    private final String key;
    private final Path log;

    private EdgeProcess(Process process, int port, String key, Path log) {
        this.process = process;
        this.port = port;
        this.key = key;
        this.log = log;
    }

    /** Starts an edge agent and waits until it answers its health check; {@code env}: finer settings. */
    static EdgeProcess start(Path dataDir, String hubUrl, String key, Map<String, String> env)
            throws IOException, InterruptedException {
        int port = HubProcess.freePort();
        String jar = System.getenv("MILLRACE_JAR");
        if (jar == null || jar.isBlank()) {
            throw new AssertionError("failsafe passes MILLRACE_JAR, the product's jar");
        }
        Files.createDirectories(dataDir);
        Path log = Files.createTempFile(dataDir, "edge", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar, "edge",
                "--hub", hubUrl, "--key", key, "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--status-every", "2s"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        HubHttp http = new HubHttp(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the edge agent exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                if (http.get("/actuator/health", null).statusCode() == 200) {
                    return new EdgeProcess(process, port, key, log);
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the edge agent did not become healthy:\n" + Files.readString(log));
    }

    HubHttp http() {
        return new HubHttp(port);
    }

    JsonNode status() {
        return HubHttp.json(http().get("/api/v1/edge/status", key));
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the edge agent did not die");
        }
    }

    /** SIGTERM and wait: a graceful stop that releases the embedded database file. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException ex) {
            return "no output: " + ex;
        }
    }
}
