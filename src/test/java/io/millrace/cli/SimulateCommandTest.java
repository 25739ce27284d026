package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulateCommandTest {

    private static final Path MASTER = Path.of("src/test/resources/simulator/master-data.json");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger received = new AtomicInteger();
    private HttpServer hub;
    private String url;

    @BeforeEach
    void startHub() throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/api/v1/master-data", exchange -> {
            boolean allowed = "Bearer K".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = allowed ? Files.readAllBytes(MASTER)
                    : "{\"status\":403,\"detail\":\"this key may not read master data\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(allowed ? 200 : 403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hub.createContext("/api/v1/events", exchange -> {
            JsonNode batch = mapper.readTree(exchange.getRequestBody().readAllBytes());
            StringBuilder receipts = new StringBuilder("{\"receipts\":[");
            for (int i = 0; i < batch.size(); i++) {
                received.incrementAndGet();
                receipts.append(i == 0 ? "" : ",").append("{\"status\":\"ACCEPTED\"}");
            }
            byte[] body = receipts.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hub.start();
        url = "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    private int run(String... args) {
        CommandLine cmd = MillraceCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cmd.execute(all);
    }

    @Test
    void sendsTheRequestedNumberOfEventsAndSumsUp() {
        int exit = run("--url", url, "--api-key", "K", "--plants", "P200", "--rate", "0", "--events", "700",
                "--seed", "42", "--batch", "100");

        assertThat(exit).isZero();
        assertThat(received).hasValue(700);
        assertThat(out.toString()).contains("seed 42").contains("sent 700, accepted 700, duplicates 0, rejected 0");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void readsMasterDataFromAFileWhenTheKeyMayNotReadItFromTheHub() {
        int exit = run("--url", url, "--api-key", "producer", "--master-data", MASTER.toString(), "--events", "50",
                "--rate", "0");

        assertThat(exit).isZero();
        assertThat(received).hasValue(50);
    }

    @Test
    void explainsInOneLineWhenTheHubRefusesTheMasterData() {
        int exit = run("--url", url, "--api-key", "producer", "--events", "10");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("millrace simulate: ").contains("403 this key may not read master data")
                .contains("--master-data");
    }

    @Test
    void rejectsBadOptionsWithOneLineAndANonZeroExit() {
        assertOneLineError(run("--url", url, "--api-key", "K", "--rate", "-5"), "--rate");
        assertOneLineError(run("--url", url, "--api-key", "K", "--duration", "10x"), "10x");
        assertOneLineError(run("--url", url, "--api-key", "K", "--duration", "10s", "--events", "5"), "mutually exclusive");
        assertOneLineError(run("--url", url, "--api-key", "K", "--batch", "5000"), "--batch");
        assertOneLineError(run("--url", url, "--api-key", "K", "--events", "0"), "--events");
        assertOneLineError(run("--url", "ftp://x", "--api-key", "K"), "--url");
        assertOneLineError(run("--url", url, "--api-key", "K", "--plants", "P999", "--events", "5"), "unknown plant P999");
        assertThat(received).hasValue(0);
    }

    private void assertOneLineError(int exit, String mentioning) {
        assertThat(exit).isNotZero();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("millrace simulate: ").contains(mentioning);
        err.getBuffer().setLength(0);
    }
}
