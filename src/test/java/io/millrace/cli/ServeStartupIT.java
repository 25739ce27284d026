package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code millrace serve} refuses to start with one clear line and a non-zero exit code. */
class ServeStartupIT {

    @TempDir
    Path dataDir;

    private record Run(int exitCode, List<String> lines) {
    }

    private Run serve(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", System.getenv("MILLRACE_JAR"), "serve",
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("serve " + String.join(" ", options) + " did not exit");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output.lines().filter(l -> !l.isBlank()).toList());
    }

    @Test
    void aBadOptionIsOneLineNamingTheOption() throws Exception {
        Run run = serve("--park-window", "ten minutes");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.lines()).containsExactly("millrace serve: Invalid value for option '--park-window': "
                + "'ten minutes' is not a duration such as 500ms, 5s, 10m or 2h (see --help)");
    }

    @Test
    void anAdminKeyShorterThan32CharactersIsRefused() throws Exception {
        Run run = serve("--admin-key", "only-31-characters-long-0123456");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.lines()).containsExactly("millrace serve: --admin-key must be at least 32 characters long, "
                + "not 31 (see --help)");
    }

    @Test
    void anUnreachableDatabaseIsOneLineNamingTheUrl() throws Exception {
        int closedPort = freePort();

        Run run = serve("--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/millrace");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().get(0)).startsWith("millrace: cannot reach the database at jdbc:postgresql://127.0.0.1:"
                + closedPort + "/millrace");
    }

    @Test
    void aPortInUseIsOneLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = serve("--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.lines()).containsExactly("millrace: port " + taken.getLocalPort()
                    + " is already in use (choose another with --port)");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
