package io.millrace.access;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/sources/me}: a key learns what it is and may publish, never the key itself. */
class KeyDescriptionIT extends HubIntegrationTest {

    @Test
    void aProducerKeyReadsItsOwnScope() {
        String key = http.issueKey(ADMIN_KEY, "{\"name\":\"line 3 gateway\",\"sources\":[\"urn:millrace:plant:P300:gw\"],"
                + "\"plants\":[\"P300\"],\"eventTypes\":[\"mfg.production.material.consumed\"],\"ratePerSecond\":50}");

        HttpResponse<String> r = http.get("/api/v1/sources/me", key);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode me = json(r);
        assertThat(me.get("keyId").asString()).startsWith("k-");
        assertThat(me.get("name").asString()).isEqualTo("line 3 gateway");
        assertThat(me.get("role").asString()).isEqualTo("producer");
        assertThat(me.get("plants")).extracting(JsonNode::asString).containsExactly("P300");
        assertThat(me.get("eventTypes")).extracting(JsonNode::asString)
                .containsExactly("mfg.production.material.consumed");
        assertThat(me.get("ratePerSecond").asInt()).isEqualTo(50);
        assertThat(r.body()).doesNotContain(key);
    }

    @Test
    void anAdminKeyIsUnrestrictedAndNoKeyIsUnauthorized() {
        JsonNode admin = json(http.get("/api/v1/sources/me", ADMIN_KEY));

        assertThat(admin.get("role").asString()).isEqualTo("admin");
        assertThat(admin.get("sources")).extracting(JsonNode::asString).containsExactly("*");
        assertThat(http.get("/api/v1/sources/me", null).statusCode()).isEqualTo(401);
    }
}
