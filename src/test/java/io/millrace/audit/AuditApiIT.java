package io.millrace.audit;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The audit log through the API of a running hub: what admins do is there, and tampering shows. */
class AuditApiIT extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private final String u = Long.toString(System.nanoTime(), 36).toUpperCase();

    private void putItem(String cost) {
        String body = "{\"items\":[{\"code\":\"AUD-" + u + "\",\"description\":\"Audited\",\"valuationClass\":"
                + "\"RAW\",\"baseUom\":\"kg\",\"standardCost\":" + cost + "}]}";
        HttpResponse<String> r = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode records(String query, String key) {
        HttpResponse<String> r = http.get("/api/v1/audit" + query, key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("records");
    }

    @Test
    void masterDataChangesAreRecordedWithTheirStateBeforeAndAfter() {
        putItem("2.10");
        putItem("2.10");
        putItem("2.35");

        JsonNode found = records("?subject=item:AUD-" + u, ADMIN_KEY);

        assertThat(found).hasSize(2);
        assertThat(found.get(0).get("action").asString()).isEqualTo("master-data.created");
        assertThat(found.get(0).get("before").isNull()).isTrue();
        assertThat(found.get(1).get("action").asString()).isEqualTo("master-data.updated");
        assertThat(found.get(1).get("before").get("standardCost").decimalValue()).isEqualByComparingTo("2.10");
        assertThat(found.get(1).get("after").get("standardCost").decimalValue()).isEqualByComparingTo("2.35");
        assertThat(found.get(1).get("actor").asString()).startsWith("key:k-");
        assertThat(found.get(1).get("previousHash").asString()).hasSize(64);
    }

    @Test
    void aPeriodCloseIsRecordedOnceWithItsCloser() {
        String period = "19" + (10 + (int) (System.nanoTime() % 89)) + "-0" + (1 + (int) (System.nanoTime() % 9));
        assertThat(http.post("/api/v1/ledger/periods/" + period + "/close", ADMIN_KEY, null, null).statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/ledger/periods/" + period + "/close", ADMIN_KEY, null, null).statusCode())
                .isEqualTo(200);

        JsonNode found = records("?action=period.closed&subject=period:" + period, ADMIN_KEY);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("after").get("period").asString()).isEqualTo(period);
    }

    @Test
    void auditorsAndAdminsReadTheLogOperatorsAndProducersDoNot() {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"a\",\"role\":\"auditor\"}");
        String operator = http.issueKey(ADMIN_KEY, "{\"name\":\"o\",\"role\":\"operator\"}");

        assertThat(http.get("/api/v1/audit", auditor).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/audit/verify", auditor).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/audit", operator).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit/verify", producerKey()).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/v1/audit", ADMIN_KEY, "application/json", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void filtersByActorAndTimeAndPagesWithACursor() {
        putItem("3.00");
        putItem("3.10");
        putItem("3.20");
        String actor = records("?subject=item:AUD-" + u, ADMIN_KEY).get(0).get("actor").asString();

        JsonNode first = json(http.get("/api/v1/audit?subject=item:AUD-" + u + "&actor=" + actor + "&limit=2",
                ADMIN_KEY));
        JsonNode second = json(http.get("/api/v1/audit?subject=item:AUD-" + u + "&limit=2&cursor="
                + first.get("nextCursor").asString(), ADMIN_KEY));

        assertThat(first.get("records")).hasSize(2);
        assertThat(second.get("records")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(records("?subject=item:AUD-" + u + "&from=2999-01-01T00:00:00Z", ADMIN_KEY)).isEmpty();
        assertThat(records("?subject=item:AUD-" + u + "&to=2000-01-01T00:00:00Z", ADMIN_KEY)).isEmpty();
        assertThat(http.get("/api/v1/audit?from=yesterday", ADMIN_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void verifyNamesTheFirstChangedOrDeletedRecordAndIsIntactOnceRestored() {
        putItem("4.00");
        assertThat(json(http.get("/api/v1/audit/verify", ADMIN_KEY)).get("intact").asBoolean()).isTrue();
        long position = records("?subject=item:AUD-" + u, ADMIN_KEY).get(0).get("position").asLong();
        Map<String, Object> original = jdbc.queryForMap("SELECT * FROM audit_record WHERE position = ?", position);

        jdbc.update("UPDATE audit_record SET after_state = REPLACE(after_state, '4.00', '0.40') WHERE position = ?",
                position);
        JsonNode changed = json(http.get("/api/v1/audit/verify", ADMIN_KEY));
        jdbc.update("UPDATE audit_record SET after_state = ? WHERE position = ?", original.get("after_state"), position);
        jdbc.update("DELETE FROM audit_record WHERE position = ?", position);
        JsonNode deleted = json(http.get("/api/v1/audit/verify", ADMIN_KEY));
        jdbc.update("INSERT INTO audit_record (position, recorded_at, actor, action, subject, before_state, "
                        + "after_state, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", original.get("position"),
                original.get("recorded_at"), original.get("actor"), original.get("action"), original.get("subject"),
                original.get("before_state"), original.get("after_state"), original.get("previous_hash"),
                original.get("hash"));

        assertThat(changed.get("intact").asBoolean()).isFalse();
        assertThat(changed.get("firstBrokenPosition").asLong()).isEqualTo(position);
        assertThat(changed.get("problem").asString()).contains("changed");
        assertThat(deleted.get("intact").asBoolean()).isFalse();
        assertThat(deleted.get("firstBrokenPosition").asLong()).isEqualTo(position);
        assertThat(json(http.get("/api/v1/audit/verify", ADMIN_KEY)).get("intact").asBoolean()).isTrue();
    }
}
