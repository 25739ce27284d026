package io.millrace.access;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keys are listed, revoked, rotated with a grace period and expire; every change is audited. */
class KeyLifecycleIT extends HubIntegrationTest {

    private static final String BACKLOG = "/api/v1/pipeline/backlog";

    private JsonNode issue(String request) {
        HttpResponse<String> r = http.post("/api/v1/sources", ADMIN_KEY, "application/json", request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return json(r);
    }

    private static void assertUnauthorized(HttpResponse<String> r, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void keysAreListedWithTheirStateButNeverTheKeyOrItsHash() {
        JsonNode issued = issue("{\"name\":\"listed\",\"role\":\"auditor\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        String auditor = issued.get("apiKey").asString();

        HttpResponse<String> list = http.get("/api/v1/sources", auditor);

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(list.body()).doesNotContain(auditor).doesNotContain(ApiKeys.hash(auditor))
                .doesNotContain(ApiKeys.hash(ADMIN_KEY));
        JsonNode mine = null;
        for (JsonNode k : json(list).get("keys")) {
            if (k.get("keyId").asString().equals(issued.get("keyId").asString())) {
                mine = k;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(mine.get("role").asString()).isEqualTo("auditor");
        assertThat(mine.get("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");
        String operator = http.issueKey(ADMIN_KEY, "{\"name\":\"op\",\"role\":\"operator\"}");
        assertThat(http.get("/api/v1/sources", operator).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/sources", producerKey()).statusCode()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyGets401AtOnceAndTheRevocationIsAudited() {
        JsonNode issued = issue("{\"name\":\"to-revoke\",\"role\":\"auditor\"}");
        String key = issued.get("apiKey").asString();
        String keyId = issued.get("keyId").asString();
        assertThat(http.get(BACKLOG, key).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = http.post("/api/v1/sources/" + keyId + "/revoke", ADMIN_KEY, null, null);

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).get("status").asString()).isEqualTo("REVOKED");
        assertUnauthorized(http.get(BACKLOG, key), "The API key was revoked.");
        assertThat(http.post("/api/v1/sources/" + keyId + "/revoke", ADMIN_KEY, null, null).statusCode())
                .isEqualTo(409);
        assertThat(http.post("/api/v1/sources/k-0000000000000000/revoke", ADMIN_KEY, null, null).statusCode())
                .isEqualTo(404);
        JsonNode audit = json(http.get("/api/v1/audit?subject=key:" + keyId, ADMIN_KEY)).get("records");
        assertThat(audit).extracting(r -> r.get("action").asString()).containsExactly("key.issued", "key.revoked");
        assertThat(audit.get(1).get("before").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(audit.get(1).get("after").get("status").asString()).isEqualTo("REVOKED");
        assertThat(audit.get(1).get("after").get("revokedBy").asString()).startsWith("key:k-");
    }

    @Test
    void aRotatedKeyKeepsWorkingForItsGracePeriodBesideTheNewOne() {
        JsonNode issued = issue("{\"name\":\"rotating\",\"role\":\"auditor\"}");
        String old = issued.get("apiKey").asString();
        String oldId = issued.get("keyId").asString();

        HttpResponse<String> rotated = http.post("/api/v1/sources/" + oldId + "/rotate", ADMIN_KEY,
                "application/json", "{\"graceSeconds\":3600}");

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
        String fresh = json(rotated).get("apiKey").asString();
        assertThat(json(rotated).get("replaces").asString()).isEqualTo(oldId);
        assertThat(Instant.parse(json(rotated).get("replacedKeyExpiresAt").asString()))
                .isAfter(Instant.now().plusSeconds(3000));
        assertThat(http.get(BACKLOG, old).statusCode()).isEqualTo(200);
        assertThat(http.get(BACKLOG, fresh).statusCode()).isEqualTo(200);
        JsonNode view = json(http.get("/api/v1/sources/" + oldId, ADMIN_KEY));
        assertThat(view.get("replacedBy").asString()).isEqualTo(json(rotated).get("keyId").asString());
        assertThat(http.post("/api/v1/sources/" + oldId + "/rotate", ADMIN_KEY, "application/json",
                "{\"graceSeconds\":-1}").statusCode()).isEqualTo(400);
    }

    @Test
    void aRotatedKeyWithoutGraceStopsAtOnceAndItsReplacementWorks() {
        JsonNode issued = issue("{\"name\":\"rotating-now\",\"sources\":[\"*\"],\"plants\":[\"P100\"],"
                + "\"eventTypes\":[\"*\"]}");
        String old = issued.get("apiKey").asString();

        HttpResponse<String> rotated = http.post("/api/v1/sources/" + issued.get("keyId").asString() + "/rotate",
                ADMIN_KEY, "application/json", "{\"graceSeconds\":0}");

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        assertUnauthorized(http.get("/api/v1/catalog", old), "The API key was rotated and its grace period has ended.");
        assertThat(http.get("/api/v1/catalog", json(rotated).get("apiKey").asString()).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/v1/sources/" + issued.get("keyId").asString() + "/rotate", ADMIN_KEY, null, null)
                .statusCode()).isEqualTo(409);
    }

    @Test
    void anExpiryInThePastIsRefusedAndOnlyAnAdminChangesKeys() {
        HttpResponse<String> past = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"old\",\"role\":\"auditor\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(json(past).get("errors").get(0).get("pointer").asString()).isEqualTo("/expiresAt");
        JsonNode issued = issue("{\"name\":\"victim\",\"role\":\"auditor\"}");
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"a\",\"role\":\"auditor\"}");

        assertThat(http.post("/api/v1/sources/" + issued.get("keyId").asString() + "/revoke", auditor, null, null)
                .statusCode()).isEqualTo(403);
        assertThat(http.get(BACKLOG, issued.get("apiKey").asString()).statusCode()).isEqualTo(200);
    }
}
