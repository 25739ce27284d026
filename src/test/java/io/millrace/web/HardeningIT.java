package io.millrace.web;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import io.millrace.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each hole found in review, against a running hub: refused with a precise problem, nothing stored. */
class HardeningIT extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).get("status").asInt()).isEqualTo(status);
    }

    private static tools.jackson.databind.JsonNode parsed(String body) {
        return io.millrace.testing.HubHttp.JSON.readTree(body);
    }

    private static String pointer(HttpResponse<String> r) {
        return json(r).get("errors").get(0).get("pointer").asString();
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM event_log", Long.class);
    }

    private String transfer(String id, String toPlant) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:millrace:plant:P100:mes\","
                + "\"type\":\"mfg.inventory.stock.transferred\",\"time\":\"2026-11-26T08:15:00Z\",\"plant\":\"P100\","
                + "\"data\":{\"transferId\":\"TR-" + id + "\",\"item\":\"RM-STEEL\",\"lot\":\"L-1\",\"quantity\":1,"
                + "\"uom\":\"kg\",\"fromLocation\":\"P100-RM\",\"toLocation\":\"P200-RM\",\"toPlant\":\"" + toPlant
                + "\"}}";
    }

    @Test
    void aTransferIntoAPlantOutsideTheKeysScopeIs403AtItsToPlant() {
        String producer = producerKey();
        long before = events();

        HttpResponse<String> r = http.post("/api/v1/events", producer, "application/cloudevents+json",
                transfer(uniqueId(), "P200"));

        assertProblem(r, 403);
        assertThat(pointer(r)).isEqualTo("/data/toPlant");
        assertThat(events()).isEqualTo(before);
        assertThat(http.post("/api/v1/events", producer, "application/cloudevents+json", transfer(uniqueId(), "P100"))
                .statusCode()).isEqualTo(202);
    }

    @Test
    void aControlCharacterInAnEventIdentifierIs400AndNothingIsStored() {
        String producer = producerKey();
        long before = events();
        String nul = io.millrace.testing.Events.completed("urn:millrace:plant:P100:mes", "e-\\u0000-" + uniqueId(),
                "P100", "1");
        String newline = io.millrace.testing.Events.completed("urn:millrace:plant:P100:mes", uniqueId(), "P100", "1")
                .replace("\"subject\":\"MO-1\"", "\"subject\":\"MO-1\\nforged log line\"");

        HttpResponse<String> withNul = http.post("/api/v1/events", producer, "application/cloudevents+json", nul);
        HttpResponse<String> withNewline = http.post("/api/v1/events", producer, "application/cloudevents+json",
                newline);

        assertProblem(withNul, 400);
        assertThat(pointer(withNul)).isEqualTo("/id");
        assertProblem(withNewline, 400);
        assertThat(pointer(withNewline)).isEqualTo("/subject");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aHugeExponentInACostIsRefusedWithoutWritingTheNumberOut() {
        HttpResponse<String> r = http.send("PUT", "/api/v1/master-data/items", ADMIN_KEY, "application/json",
                ("[{\"code\":\"EXP-1\",\"description\":\"x\",\"valuationClass\":\"RAW\",\"baseUom\":\"kg\","
                        + "\"standardCost\":1e-1000000000}]").getBytes(StandardCharsets.UTF_8));

        assertProblem(r, 400);
        assertThat(pointer(r)).isEqualTo("/items/0/standardCost");
        assertThat(r.body().length()).isLessThan(2000);
        assertThat(http.get("/api/v1/master-data/items/EXP-1", ADMIN_KEY).statusCode()).isEqualTo(404);
        HttpResponse<String> csv = http.send("PUT", "/api/v1/master-data/items", ADMIN_KEY, "text/csv",
                "code,description,valuationClass,baseUom,standardCost\nEXP-2,x,RAW,kg,1e+999999999\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertProblem(csv, 400);
        assertThat(csv.body().length()).isLessThan(2000);
    }

    @Test
    void aMasterDataBodyOverTheLimitIs413AndNothingIsStored() {
        byte[] body = new byte[4 * 1024 * 1024 + 16];
        Arrays.fill(body, (byte) ' ');
        byte[] head = "{\"items\":[{\"code\":\"BIG-1\",\"description\":\"x\",\"valuationClass\":\"RAW\",\"baseUom\":\"kg\",\"standardCost\":1}]}"
                .getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, body, 0, head.length);

        HttpResponse<String> r = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json", body);

        assertProblem(r, 413);
        assertThat(http.get("/api/v1/master-data/items/BIG-1", ADMIN_KEY).statusCode()).isEqualTo(404);
    }

    private void assertRawProblem(String target, int status) {
        RawHttp.Response r = RawHttp.send("127.0.0.1", port, "GET", target, ADMIN_KEY);
        assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(parsed(r.body()).get("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("tomcat").doesNotContain("trace");
    }

    @Test
    void aBadlyEncodedQueryParameterIs400NotA500() {
        assertRawProblem("/api/v1/ledger/journal?cursor=%ZZ", 400);
        assertRawProblem("/api/v1/ledger/journal?limit=%E0%A4%A", 400);
        assertRawProblem("/api/v1/exceptions?status=%G1", 400);
        assertRawProblem("/api/v1/audit?actor=%", 400);
        assertRawProblem("/api/v1/inventory?plant=%FF%FE", 400);
    }

    @Test
    void aRequestTheContainerRefusesIsStillAProblemNamingNothingInternal() {
        assertRawProblem("/api/v1/master-data/items/%ZZ", 400);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndKeyAnswersAreNotStored() {
        for (HttpResponse<String> r : java.util.List.of(http.get("/api/v1/pipeline/backlog", ADMIN_KEY),
                http.get("/api/v1/pipeline/backlog", null), http.get("/api/v1/nothing", ADMIN_KEY),
                http.get("/actuator/health", null))) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(ResponseGuard.API_POLICY);
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(http.get("/console", null).headers().firstValue("Content-Security-Policy"))
                .hasValue(ResponseGuard.CONSOLE_POLICY);
        HttpResponse<String> issued = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"h\",\"role\":\"auditor\"}");
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void metricsTagOnlyPlantsOfTheMasterData() {
        String key = http.issueKey(ADMIN_KEY, "{\"name\":\"any\",\"sources\":[\"*\"],\"plants\":[\"*\"],"
                + "\"eventTypes\":[\"*\"]}");
        String plant = "Q" + Long.toString(System.nanoTime(), 36).toUpperCase();
        plant = plant.substring(0, Math.min(plant.length(), 8));

        HttpResponse<String> sent = http.post("/api/v1/events", key, "application/cloudevents+json",
                io.millrace.testing.Events.completed("urn:x:" + plant, uniqueId(), plant, "1"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String metrics = http.get("/actuator/prometheus", ADMIN_KEY).body();
        assertThat(metrics).doesNotContain("plant=\"" + plant + "\"")
                .contains("millrace_events_accepted_total{plant=\"unknown\"");
    }
}
