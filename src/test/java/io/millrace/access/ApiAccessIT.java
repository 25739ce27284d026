package io.millrace.access;

import static io.millrace.testing.Events.completed;
import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class ApiAccessIT extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).get("status").asInt()).isEqualTo(status);
        assertThat(json(r).get("detail").asString()).isNotBlank();
    }

    @Test
    void healthNeedsNoKeyButEverythingElseDoes() {
        assertThat(http.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertProblem(http.get("/api/v1/pipeline/backlog", null), 401);
        assertProblem(http.get("/actuator/prometheus", null), 401);
        assertProblem(http.get("/no/such/path", null), 401);
        assertProblem(http.post("/api/v1/events", null, "application/cloudevents+json", "{}"), 401);
    }

    @Test
    void aWrongKeyOrMalformedAuthorizationIs401() {
        assertProblem(http.get("/api/v1/pipeline/backlog", "mr_not-a-key"), 401);
        assertProblem(http.send("GET", "/api/v1/pipeline/backlog", null, null, null, "Authorization", "Basic abc"), 401);
        assertProblem(http.send("GET", "/api/v1/pipeline/backlog", null, null, null, "Authorization", "Bearer "), 401);
    }

    @Test
    void adminIssuesAKeyThatIsShownOnceAndStoredOnlyAsAHash() {
        HttpResponse<String> r = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"wms\",\"sources\":[\"urn:millrace:plant:P100:wms\"],\"plants\":[\"P100\"],"
                        + "\"eventTypes\":[\"mfg.inventory.stock.transferred\"],\"ratePerSecond\":50}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String keyId = json(r).get("keyId").asString();
        String apiKey = json(r).get("apiKey").asString();
        assertThat(apiKey).startsWith("mr_").hasSizeGreaterThan(40);
        List<String> stored = new ArrayList<>();
        jdbc.query("SELECT * FROM api_credential WHERE key_id = ?", rs -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                stored.add(String.valueOf(rs.getObject(i)));
            }
        }, keyId);
        assertThat(stored).contains(ApiKeys.hash(apiKey), "PRODUCER", "50").doesNotContain(apiKey);
        assertThat(http.get("/api/v1/events/" + java.util.UUID.randomUUID(), apiKey).statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyRequestWithErrorsIs400ListingEveryOne() {
        HttpResponse<String> r = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"role\":\"superuser\",\"plants\":\"P100\",\"eventTypes\":[\"mfg.nothing\",\"\"],"
                        + "\"ratePerSecond\":0,\"colour\":\"red\"}");

        assertProblem(r, 400);
        List<String> pointers = new ArrayList<>();
        json(r).get("errors").forEach(e -> pointers.add(e.get("pointer").asString()));
        assertThat(pointers).contains("/name", "/role", "/plants", "/eventTypes/0", "/eventTypes/1",
                "/ratePerSecond", "/colour");
    }

    @Test
    void aProducerKeyMustNameItsSourcesPlantsAndTypes() {
        HttpResponse<String> r = http.post("/api/v1/sources", ADMIN_KEY, "application/json", "{\"name\":\"x\"}");

        assertProblem(r, 400);
        List<String> pointers = new ArrayList<>();
        json(r).get("errors").forEach(e -> pointers.add(e.get("pointer").asString()));
        assertThat(pointers).containsExactlyInAnyOrder("/sources", "/plants", "/eventTypes");
        assertProblem(http.post("/api/v1/sources", ADMIN_KEY, "application/json", "{\"name\": "), 400);
    }

    @Test
    void rolesLimitWhatAKeyMayCall() {
        String producer = producerKey();
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"a\",\"role\":\"auditor\"}");
        String operator = http.issueKey(ADMIN_KEY, "{\"name\":\"o\",\"role\":\"operator\"}");
        String keyRequest = "{\"name\":\"x\",\"role\":\"auditor\"}";

        assertProblem(http.post("/api/v1/sources", producer, "application/json", keyRequest), 403);
        assertProblem(http.post("/api/v1/sources", auditor, "application/json", keyRequest), 403);
        assertProblem(http.post("/api/v1/sources", operator, "application/json", keyRequest), 403);
        assertProblem(http.send("PUT", "/api/v1/master-data", producer, "application/json", "{}".getBytes()), 403);
        assertProblem(http.get("/api/v1/ledger/trial-balance", producer), 403);
        assertProblem(http.post("/api/v1/events", auditor, "application/cloudevents+json",
                completed("urn:millrace:plant:P100:mes", uniqueId(), "P100", "1")), 403);
        assertProblem(http.post("/api/v1/exceptions/1/approve", auditor, "application/json", ""), 403);
        assertThat(http.get("/api/v1/pipeline/backlog", auditor).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/pipeline/backlog", operator).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/pipeline/backlog", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyOverItsRateIs429WithRetryAfter() {
        String key = http.issueKey(ADMIN_KEY, "{\"name\":\"slow\",\"sources\":[\"*\"],\"plants\":[\"*\"],"
                + "\"eventTypes\":[\"*\"],\"ratePerSecond\":1}");

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(http.get("/api/v1/events/" + java.util.UUID.randomUUID(), key));
        }

        HttpResponse<String> limited = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void refusedCallsAreLoggedWithTheKeyIdButNeverTheKey(CapturedOutput output) {
        HttpResponse<String> issued = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"n\",\"sources\":[\"urn:a\"],\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");
        JsonNode key = json(issued);
        String apiKey = key.get("apiKey").asString();

        http.post("/api/v1/events", apiKey, "application/cloudevents+json", "{broken");
        http.post("/api/v1/events", apiKey, "application/cloudevents+json",
                completed("urn:b", uniqueId(), "P100", "1"));
        http.get("/api/v1/pipeline/backlog", apiKey);

        assertThat(output.getAll()).contains("with 400 for key " + key.get("keyId").asString())
                .contains("with 403 for key " + key.get("keyId").asString())
                .doesNotContain(apiKey).doesNotContain(ADMIN_KEY);
    }
}
