package io.millrace.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.millrace.testing.HubProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP line to the hub, against a small HTTP server on 127.0.0.1 playing the hub: what it
 * sends, and how answers, refusals and missing answers reach the forwarder.
 */
class HttpHubLinkTest {

    private final HttpServer server = start();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 202;
    private volatile boolean hang;

    private HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
                if (hang) {
                    try {
                        release.await(10, TimeUnit.SECONDS); // the batch arrived; its answer does not
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] answer = (status == 202 ? "{\"receipts\":[{\"status\":\"DUPLICATE\"}]}"
                        : "{\"type\":\"urn:millrace:problem:validation\",\"detail\":\"The event is invalid\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (status == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "3");
                }
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private HttpHubLink link(Duration timeout) {
        return new HttpHubLink(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "mr_key",
                timeout);
    }

    @Test
    void postsTheBatchWithTheKeyAndReadsTheAnswer() throws IOException {
        HubLink.Answer answer = link(Duration.ofSeconds(10)).post("/api/v1/events", Forwarder.BATCH,
                "[{\"id\":\"1\"}]".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).contains("DUPLICATE");
        assertThat(received).containsExactly("POST /api/v1/events Bearer mr_key application/cloudevents-batch+json "
                + "[{\"id\":\"1\"}]");
    }

    @Test
    void passesOnTheHubsRetryAfter() throws IOException {
        status = 429;

        HubLink.Answer answer = link(Duration.ofSeconds(10)).get("/api/v1/catalog");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anAnswerThatDoesNotComeInTimeIsNoAnswer() {
        hang = true;

        assertThatThrownBy(() -> link(Duration.ofMillis(300)).post("/api/v1/events", Forwarder.BATCH,
                "[]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(HttpTimeoutException.class);
        assertThat(received).as("the hub did get the batch").hasSize(1);
    }

    @Test
    void aHubThatIsNotListeningIsNoAnswer() throws IOException {
        HttpHubLink nowhere = new HttpHubLink(URI.create("http://127.0.0.1:" + HubProcess.freePort()), "mr_key",
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> nowhere.get("/api/v1/catalog")).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void theForwarderKeepsARefusedEventAndMovesOnOverHttp() {
        status = 400;
        try (EdgeRig edge = new EdgeRig()) {
            edge.accept(1, 1);
            Forwarder forwarder = new Forwarder(edge.log, edge.store, link(Duration.ofSeconds(10)),
                    new HubContact(Clock.systemUTC()), 10, 1_000_000);

            Forwarder.Outcome outcome = forwarder.forwardNext();

            assertThat(outcome.rejected()).isEqualTo(1);
            assertThat(edge.store.rejectedAfter(0, 10).get(0).problem()).contains("The event is invalid");
            assertThat(edge.store.cursor()).isEqualTo(1);
        }
    }
}
