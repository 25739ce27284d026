package io.millrace.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubHttp;
import io.millrace.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A hub started as its own process from the packaged jar ({@code MILLRACE_JAR}), on a shared database. */
final class HubProcess {

    final Process process;
    final int port;
    final HubHttp http;
    final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.http = new HubHttp(port);
        this.log = log;
    }

    /**
     * Starts {@code java [systemProperties] -jar millrace.jar serve ...} and waits until it is healthy.
     * {@code kafkaBootstrap} null: without Kafka.
     */
    static HubProcess start(Path dir, TestDatabase database, String kafkaBootstrap, String adminKey,
                            List<String> systemProperties) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String jar = System.getenv("MILLRACE_JAR");
        assertThat(jar).as("failsafe passes MILLRACE_JAR").isNotBlank();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", jar, "serve", "--port", Integer.toString(port), "--data-dir", dir.toString(),
                "--db-url", database.url(), "--db-user", database.user(), "--admin-key", adminKey));
        if (kafkaBootstrap != null) {
            command.addAll(List.of("--kafka-bootstrap", kafkaBootstrap));
        }
        Path log = Files.createTempFile(dir, "hub-" + port + "-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HubProcess hub = new HubProcess(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (hub.http.get("/actuator/health", null).statusCode() == 200) {
                    return hub;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the hub did not become healthy:\n" + Files.readString(log));
    }

    /** Lines of the hub's output that report an error or a stack trace. */
    List<String> errors() throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains(" ERROR ") || l.startsWith("Exception") || l.contains("Caused by:"))
                .toList();
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
