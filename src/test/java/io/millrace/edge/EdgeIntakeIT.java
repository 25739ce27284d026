package io.millrace.edge;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.Events;
import io.millrace.testing.HubHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The edge agent's intake answers as the hub's does, with the hub down: 202 with receipts for
 * good events (kept for forwarding), and for bad input the hub's problems with precise pointers,
 * keeping nothing of a refused request. The key's scope, as the hub last described it, applies.
 */
@SpringBootTest(classes = MillraceEdge.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.edge.hub=http://127.0.0.1:9",
                "millrace.edge.key=" + EdgeIntakeIT.KEY,
                "millrace.edge.max-backoff=1s",
                "millrace.intake.max-event-bytes=16KB",
                "millrace.intake.max-batch-events=50",
                "spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor},classpath:db/edge"
        })
class EdgeIntakeIT {

    static final String KEY = "mr_edge-intake-test-key-0123456789";
    private static final String SOURCE = EdgeRig.SOURCE;
    private static final String BATCH = "application/cloudevents-batch+json";
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final Path DATA_DIR = dataDirWithKnownKey();

    /** The hub described the key in an earlier run: plant P100 only. */
    private static Path dataDirWithKnownKey() {
        try {
            Path dir = Files.createTempDirectory("edge-intake");
            Files.writeString(dir.resolve(HubKey.FILE), "{\"keyId\":\"k-plant\",\"name\":\"plant\",\"role\":\"producer\","
                    + "\"sources\":[\"*\"],\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");
            return dir;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedDatabases.fresh("edge-it"));
        registry.add("millrace.edge.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    private HubHttp http;

    @BeforeEach
    void connect() {
        http = new HubHttp(port);
    }

    private long accepted() {
        return json(http.get("/api/v1/edge/status", KEY)).get("accepted").asLong();
    }

    private static String uniqueId() {
        return "e-" + java.util.UUID.randomUUID();
    }

    @Test
    void acceptsEachModeWithTheHubDownAndKeepsTheEventsForForwarding() {
        long before = accepted();
        String id = uniqueId();

        HttpResponse<String> structured = http.post("/api/v1/events", KEY, STRUCTURED,
                Events.completed(SOURCE, id, "P100", "1"));
        HttpResponse<String> batch = http.post("/api/v1/events", KEY, BATCH,
                Events.batch(Events.completed(SOURCE, uniqueId(), "P100", "2"), Events.closed(SOURCE, uniqueId(), "P100",
                        "MO-1")));
        HttpResponse<String> binary = http.post("/api/v1/events", KEY, "application/json",
                "{\"orderId\":\"MO-1\"}", "ce-specversion", "1.0", "ce-id", uniqueId(), "ce-source", SOURCE,
                "ce-type", "mfg.production.order.closed", "ce-time", "2026-11-26T09:00:00Z", "ce-plant", "P100");
        HttpResponse<String> again = http.post("/api/v1/events", KEY, STRUCTURED,
                Events.completed(SOURCE, id, "P100", "1"));

        assertThat(structured.statusCode()).as(structured.body()).isEqualTo(202);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        assertThat(json(batch).get("receipts")).hasSize(2);
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).at("/receipts/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(json(again).at("/receipts/0/trackingId").asString())
                .isEqualTo(json(structured).at("/receipts/0/trackingId").asString());

        JsonNode status = json(http.get("/api/v1/edge/status", KEY));
        assertThat(status.get("accepted").asLong()).isEqualTo(before + 4);
        assertThat(status.get("backlog").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(status.get("hub").get("reachable").asBoolean()).isFalse();
        assertThat(status.get("hub").get("lastError").asString()).startsWith("no answer from the hub");
        assertThat(status.get("catalog").get("origin").asString()).isEqualTo("BUILT_IN");
        assertThat(status.get("key").get("scopeKnown").asBoolean()).isTrue();
        JsonNode found = json(http.get("/api/v1/events/" + json(structured).at("/receipts/0/trackingId").asString(),
                KEY));
        assertThat(found.get("state").asString()).isEqualTo("PENDING");
    }

    @Test
    void refusesInvalidEventsWithPointersAndKeepsNothingOfTheBatch() {
        long before = accepted();
        String bad = Events.completed(SOURCE, uniqueId(), "P100", "-1").replace("\"time\":\"2026-11-26T08:15:00Z\"",
                "\"time\":\"yesterday\"");

        HttpResponse<String> r = http.post("/api/v1/events", KEY, BATCH,
                Events.batch(Events.completed(SOURCE, uniqueId(), "P100", "1"), bad));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        JsonNode problem = json(r);
        assertThat(problem.get("type").asString()).isEqualTo("urn:millrace:problem:validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("index").asInt() + " " + e.get("pointer").asString())
                .contains("1 /time", "1 /data/quantity");
        assertThat(accepted()).isEqualTo(before);
    }

    @Test
    void refusesMalformedTooLargeAndUntypedBodies() {
        HttpResponse<String> malformed = http.post("/api/v1/events", KEY, STRUCTURED, "{\"id\": ");
        HttpResponse<String> untyped = http.post("/api/v1/events", KEY, "text/plain", "hello");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append(Events.closed(SOURCE, uniqueId(), "P100", "MO-1"));
        }
        HttpResponse<String> tooMany = http.post("/api/v1/events", KEY, BATCH, "[" + many + "]");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("type").asString()).isEqualTo("urn:millrace:problem:malformed-json");
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(tooMany.statusCode()).isEqualTo(413);
    }

    @Test
    void refusesAnIdReusedForOtherContentNamingTheField() {
        String id = uniqueId();
        http.post("/api/v1/events", KEY, STRUCTURED, Events.completed(SOURCE, id, "P100", "1"));

        HttpResponse<String> r = http.post("/api/v1/events", KEY, STRUCTURED, Events.completed(SOURCE, id, "P100", "2"));

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("errors").get(0).get("pointer").asString()).isEqualTo("/data/quantity");
    }

    @Test
    void refusesEventsOutsideTheKnownScopeOfTheHubKey() {
        HttpResponse<String> r = http.post("/api/v1/events", KEY, STRUCTURED,
                Events.completed("urn:millrace:plant:P200:mes", uniqueId(), "P200", "1"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("errors").get(0).get("pointer").asString()).isEqualTo("/plant");
        assertThat(json(r).get("detail").asString()).contains("k-plant");
    }

    @Test
    void refusesRequestsWithoutTheHubKey() {
        HttpResponse<String> none = http.post("/api/v1/events", null, STRUCTURED,
                Events.completed(SOURCE, uniqueId(), "P100", "1"));
        HttpResponse<String> other = http.post("/api/v1/events", "mr_some-other-key", STRUCTURED,
                Events.completed(SOURCE, uniqueId(), "P100", "1"));
        HttpResponse<String> status = http.get("/api/v1/edge/status", "mr_some-other-key");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(json(other).get("detail").asString()).contains("edge agent");
        assertThat(status.statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void showsTheBacklogAndTheHubsReachabilityAsMetrics() {
        http.post("/api/v1/events", KEY, STRUCTURED, Events.completed(SOURCE, uniqueId(), "P100", "1"));

        HttpResponse<String> r = http.get("/actuator/prometheus", KEY);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("millrace_edge_hub_reachable 0.0").containsPattern("millrace_edge_backlog [1-9]")
                .contains("millrace_edge_rejected 0.0");
    }

    @Test
    void servesTheCatalogInUseAndAnEmptyRejectedList() {
        HttpResponse<String> catalog = http.get("/api/v1/catalog", KEY);
        HttpResponse<String> rejected = http.get("/api/v1/edge/rejected", KEY);
        HttpResponse<String> badPage = http.get("/api/v1/edge/rejected?limit=0", KEY);

        assertThat(json(catalog).get("types")).hasSize(16);
        assertThat(json(rejected).get("items")).isEmpty();
        assertThat(badPage.statusCode()).isEqualTo(400);
    }
}
