package io.millrace.testing;

import io.millrace.MillraceHub;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of tests that talk HTTP to a hub started in the test JVM on a random port, on an embedded
 * H2 database in a file, as {@code ./millrace serve} runs by default. All subclasses share one hub, so each test uses its own ids and keys.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.admin-key=" + HubIntegrationTest.ADMIN_KEY,
                "millrace.intake.max-request-bytes=300KB",
                "millrace.intake.max-event-bytes=16KB",
                "millrace.intake.max-batch-events=50",
                // many tests fail authentication on purpose, all from 127.0.0.1 against this one hub
                "millrace.access.failed-authentications-per-minute=1000000"
        })
public abstract class HubIntegrationTest {

    public static final String ADMIN_KEY = "admin-key-for-tests-0123456789abcdef";

    private static final String DATABASE = EmbeddedDatabases.fresh("hub-it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    protected int port;

    protected HubHttp http;

    @BeforeEach
    void connect() {
        http = new HubHttp(port);
    }

    /** A producer key for plant P100 and source urn:millrace:plant:P100:mes, any type. */
    protected String producerKey() {
        return http.issueKey(ADMIN_KEY, "{\"name\":\"mes\",\"sources\":[\"urn:millrace:plant:P100:mes\"],"
                + "\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");
    }

    /** Reads until {@code done} holds, for up to 60 s; the last read. */
    protected static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not there after 60 s: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
            last = read.get();
        }
        return last;
    }

    protected static String uniqueId() {
        return "e-" + java.util.UUID.randomUUID();
    }
}
