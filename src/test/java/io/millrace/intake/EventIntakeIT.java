package io.millrace.intake;

import static io.millrace.testing.Events.batch;
import static io.millrace.testing.Events.completed;
import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.testing.Events;
import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class EventIntakeIT extends HubIntegrationTest {

    static final String SOURCE = "urn:millrace:plant:P100:mes";
    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    static final String COMPLETED = "mfg.production.order.completed";

    @Autowired
    MeterRegistry meters;

    private HttpResponse<String> publish(String key, String contentType, String body, String... headers) {
        return http.post("/api/v1/events", key, contentType, body, headers);
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("type").asString()).startsWith("urn:millrace:problem:");
        assertThat(p.get("title").asString()).isNotBlank();
        assertThat(p.get("detail").asString()).isNotBlank();
    }

    @Test
    void structuredEventIsAcceptedWithAReceiptAndCanBeReadBackByTrackingId() {
        String key = producerKey();
        String id = uniqueId();

        HttpResponse<String> r = publish(key, STRUCTURED, completed(SOURCE, id, "P100", "12.50"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode receipt = json(r).get("receipts").get(0);
        assertThat(receipt.get("source").asString()).isEqualTo(SOURCE);
        assertThat(receipt.get("id").asString()).isEqualTo(id);
        assertThat(receipt.get("status").asString()).isEqualTo("ACCEPTED");
        String trackingId = receipt.get("trackingId").asString();

        HttpResponse<String> read = http.get("/api/v1/events/" + trackingId, key);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode view = json(read);
        assertThat(view.get("trackingId").asString()).isEqualTo(trackingId);
        assertThat(view.get("state").asString()).isIn("PENDING", "PARKED", "POSTED", "EXCEPTION");
        assertThat(view.get("lineage").isArray()).isTrue();
        assertThat(view.get("event").get("data").get("quantity").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void binaryModeEventIsStoredAsTheSameEnvelopeAsStructuredMode() {
        String key = producerKey();
        String id = uniqueId();
        String data = "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"lot\":\"L-1\",\"quantity\":12.50,"
                + "\"uom\":\"pcs\",\"location\":\"P100-FG\"}";

        HttpResponse<String> r = publish(key, "application/json", data, "ce-specversion", "1.0", "ce-id", id,
                "ce-source", SOURCE, "ce-type", "mfg.production.order.completed", "ce-time", "2026-11-26T08:15:00Z",
                "ce-subject", "MO-1", "ce-plant", "P100");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String trackingId = json(r).get("receipts").get(0).get("trackingId").asString();
        JsonNode event = json(http.get("/api/v1/events/" + trackingId, key)).get("event");
        assertThat(event.get("plant").asString()).isEqualTo("P100");
        assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(event.get("data").get("lot").asString()).isEqualTo("L-1");

        HttpResponse<String> again = publish(key, STRUCTURED, completed(SOURCE, id, "P100", "12.5"));
        assertThat(json(again).get("receipts").get(0).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(json(again).get("receipts").get(0).get("trackingId").asString()).isEqualTo(trackingId);
    }

    @Test
    void binaryModeReportsMissingAttributesWithTheSamePointersAsStructuredMode() {
        HttpResponse<String> r = publish(producerKey(), "application/json", "{\"orderId\":\"MO-1\"}",
                "ce-specversion", "1.0", "ce-source", SOURCE, "ce-type", "mfg.production.order.completed",
                "ce-plant", "P100");

        assertProblem(r, 400);
        assertThat(json(r).get("errors").findValuesAsString("pointer")).contains("/id", "/time");
    }

    @Test
    void binaryModeHeadersArePercentDecoded() {
        String key = producerKey();
        HttpResponse<String> r = publish(key, "application/json", "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\","
                        + "\"lot\":\"L-1\",\"quantity\":1,\"uom\":\"pcs\",\"location\":\"P100-FG\"}",
                "ce-specversion", "1.0", "ce-id", "id%20with%20space-" + uniqueId(), "ce-source", SOURCE,
                "ce-type", "mfg.production.order.completed", "ce-time", "2026-11-26T08:15:00Z", "ce-plant", "P100");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("receipts").get(0).get("id").asString()).startsWith("id with space-");
    }

    @Test
    void batchIsAcceptedWholeWithOneReceiptPerEventInOrder() {
        String a = uniqueId();
        String b = uniqueId();

        HttpResponse<String> r = publish(producerKey(), BATCH,
                batch(completed(SOURCE, a, "P100", "1"), completed(SOURCE, b, "P100", "2")));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("receipts").findValuesAsString("id")).containsExactly(a, b);
        assertThat(json(r).get("receipts").findValuesAsString("status")).containsExactly("ACCEPTED", "ACCEPTED");
    }

    @Test
    void intakeCountsAcceptedDuplicateAndRefusedEventsByPlantAndType() {
        // meters name only plants of the master data; any other plant is counted as "unknown"
        HttpResponse<String> plant = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                "{\"plants\":[{\"code\":\"P100\",\"name\":\"Main plant\"}]}".getBytes(StandardCharsets.UTF_8));
        assertThat(plant.statusCode()).as(plant.body()).isEqualTo(200);
        String key = producerKey();
        String event = completed(SOURCE, uniqueId(), "P100", "3");
        double accepted = count("millrace.events.accepted", "plant", "P100", "type", COMPLETED);
        double duplicates = count("millrace.events.duplicates", "plant", "P100", "type", COMPLETED);
        double invalid = count("millrace.events.refused", "reason", "invalid");

        assertThat(publish(key, STRUCTURED, event).statusCode()).isEqualTo(202);
        assertThat(publish(key, STRUCTURED, event).statusCode()).isEqualTo(202);
        assertThat(publish(key, BATCH, batch(completed(SOURCE, uniqueId(), "P100", "1"), "42")).statusCode())
                .isEqualTo(400);

        assertThat(count("millrace.events.accepted", "plant", "P100", "type", COMPLETED)).isEqualTo(accepted + 1);
        assertThat(count("millrace.events.duplicates", "plant", "P100", "type", COMPLETED))
                .isEqualTo(duplicates + 1);
        assertThat(count("millrace.events.refused", "reason", "invalid")).isEqualTo(invalid + 2);
    }

    private double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void batchWithInvalidEventsIsRejectedWholeListingEveryErrorWithItsIndex() {
        String key = producerKey();
        String good = uniqueId();
        String noTime = completed(SOURCE, uniqueId(), "P100", "1").replace("\"time\":\"2026-11-26T08:15:00Z\",", "");
        String badType = completed(SOURCE, uniqueId(), "P100", "1").replace("order.completed", "order.exploded");

        HttpResponse<String> r = publish(key, BATCH, batch(completed(SOURCE, good, "P100", "1"), noTime, "42", badType));

        assertProblem(r, 400);
        List<String> errors = new ArrayList<>();
        json(r).get("errors").forEach(e -> errors.add(e.get("index").asInt() + e.get("pointer").asString()));
        assertThat(errors).contains("1/time", "2", "3/type");
        assertThat(errors).noneMatch(e -> e.startsWith("0"));

        HttpResponse<String> resend = publish(key, STRUCTURED, completed(SOURCE, good, "P100", "1"));
        assertThat(json(resend).get("receipts").get(0).get("status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void malformedJsonIsA400NamingLineAndColumn() {
        HttpResponse<String> r = publish(producerKey(), STRUCTURED, "{\n  \"id\": \"x\",\n  \"source\" \"y\"\n}");

        assertProblem(r, 400);
        assertThat(json(r).get("detail").asString()).contains("line 3").contains("column");
    }

    @Test
    void trailingContentAfterTheEventIsMalformed() {
        HttpResponse<String> r = publish(producerKey(), STRUCTURED, completed(SOURCE, uniqueId(), "P100", "1") + " {}");

        assertProblem(r, 400);
        assertThat(json(r).get("detail").asString()).contains("after the end");
    }

    @Test
    void batchThatIsNotAnArrayOrIsEmptyOrHasADuplicateMemberIs400() {
        String key = producerKey();
        assertProblem(publish(key, BATCH, completed(SOURCE, uniqueId(), "P100", "1")), 400);
        assertProblem(publish(key, BATCH, "[]"), 400);
        assertProblem(publish(key, BATCH, ""), 400);
        assertProblem(publish(key, BATCH, "[" + completed(SOURCE, uniqueId(), "P100", "1")), 400);
        HttpResponse<String> dupMember = publish(key, STRUCTURED, "{\"id\":\"a\",\"id\":\"b\"}");
        assertProblem(dupMember, 400);
        assertThat(json(dupMember).get("detail").asString()).contains("id");
    }

    @Test
    void hostileJsonIsRefusedAs400NeverAServerError() {
        String key = producerKey();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertProblem(publish(key, STRUCTURED, deep), 400);
        assertProblem(publish(key, STRUCTURED, "{\"n\":" + "9".repeat(5000) + "}"), 400);
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> r = http.send("POST", "/api/v1/events", key, STRUCTURED, badUtf8);
        assertProblem(r, 400);
        assertProblem(publish(key, STRUCTURED, "null"), 400);
        assertProblem(publish(key, BATCH, "[null, 1, \"x\", []]"), 400);
    }

    @Test
    void otherContentTypesAre415() {
        String key = producerKey();
        String event = completed(SOURCE, uniqueId(), "P100", "1");
        assertProblem(publish(key, "application/json", event), 415);
        assertProblem(publish(key, "text/plain", event), 415);
        assertProblem(publish(key, null, event), 415);
        assertProblem(publish(key, "application/cloudevents+json; charset=ISO-8859-1", event), 415);
        assertProblem(publish(key, "not a type", event), 415);
        assertProblem(publish(key, "text/plain", "x", "ce-specversion", "1.0"), 415);
    }

    @Test
    void bodyOverTheRequestLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        String key = producerKey();
        byte[] big = new byte[400 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertProblem(http.send("POST", "/api/v1/events", key, BATCH, big), 413);

        java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + key).header("Content-Type", BATCH)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(chunked,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertProblem(r, 413);
        } catch (java.io.IOException | InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void eventOverTheEventLimitIs413AlsoInsideABatchNamingItsIndex() {
        String key = producerKey();
        String padded = completed(SOURCE, uniqueId(), "P100", "1").replace("\"subject\":\"MO-1\"",
                "\"subject\":\"" + "x".repeat(20_000) + "\"");
        assertProblem(publish(key, STRUCTURED, padded), 413);

        HttpResponse<String> r = publish(key, BATCH, batch(completed(SOURCE, uniqueId(), "P100", "1"), padded));
        assertProblem(r, 413);
        assertThat(json(r).get("detail").asString()).contains("Event 1");
    }

    @Test
    void batchOverTheEventCountLimitIs413() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            events.add(completed(SOURCE, uniqueId(), "P100", "1"));
        }
        assertProblem(publish(producerKey(), BATCH, batch(events.toArray(String[]::new))), 413);
    }

    @Test
    void eventsOutsideTheKeysScopeAre403NamingWhatIsNotAllowedAndWhere() {
        String key = http.issueKey(ADMIN_KEY, "{\"name\":\"narrow\",\"sources\":[\"" + SOURCE + "\"],"
                + "\"plants\":[\"P100\"],\"eventTypes\":[\"mfg.production.order.completed\"]}");
        String otherSource = completed("urn:millrace:plant:P100:wms", uniqueId(), "P100", "1");
        String otherPlant = completed(SOURCE, uniqueId(), "P200", "1");
        String otherType = Events.closed(SOURCE, uniqueId(), "P100", "MO-1");

        HttpResponse<String> r = publish(key, BATCH, batch(completed(SOURCE, uniqueId(), "P100", "1"),
                otherSource, otherPlant, otherType));

        assertProblem(r, 403);
        List<String> errors = new ArrayList<>();
        json(r).get("errors").forEach(e -> errors.add(e.get("index").asInt() + e.get("pointer").asString()));
        assertThat(errors).containsExactlyInAnyOrder("1/source", "2/plant", "3/type");
    }

    @Test
    void resendingTheSameEventIsADuplicateWithTheOriginalTrackingId() {
        String key = producerKey();
        String event = completed(SOURCE, uniqueId(), "P100", "1");
        String first = json(publish(key, STRUCTURED, event)).get("receipts").get(0).get("trackingId").asString();

        JsonNode again = json(publish(key, STRUCTURED, event)).get("receipts").get(0);

        assertThat(again.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.get("trackingId").asString()).isEqualTo(first);
    }

    @Test
    void reusingAnIdForDifferentContentIs409NamingTheEventAndTheDifferingFields() {
        String key = producerKey();
        String id = uniqueId();
        String first = json(publish(key, STRUCTURED, completed(SOURCE, id, "P100", "1")))
                .get("receipts").get(0).get("trackingId").asString();

        HttpResponse<String> r = publish(key, BATCH, batch(completed(SOURCE, uniqueId(), "P100", "1"),
                completed(SOURCE, id, "P100", "2")));

        assertProblem(r, 409);
        JsonNode problem = json(r);
        assertThat(problem.get("detail").asString()).contains(id).contains("/data/quantity");
        JsonNode conflict = problem.get("conflicts").get(0);
        assertThat(conflict.get("index").asInt()).isEqualTo(1);
        assertThat(conflict.get("trackingId").asString()).isEqualTo(first);
        assertThat(conflict.get("differingFields").get(0).asString()).isEqualTo("/data/quantity");
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/data/quantity");
    }

    @Test
    void sameEventTwiceInOneBatchIsADuplicateOfTheFirstButDifferentContentIs409() {
        String key = producerKey();
        String id = uniqueId();
        String event = completed(SOURCE, id, "P100", "1");

        JsonNode receipts = json(publish(key, BATCH, batch(event, event))).get("receipts");
        assertThat(receipts.findValuesAsString("status")).containsExactly("ACCEPTED", "DUPLICATE");
        assertThat(receipts.get(1).get("trackingId").asString()).isEqualTo(receipts.get(0).get("trackingId").asString());

        String other = uniqueId();
        HttpResponse<String> r = publish(key, BATCH, batch(completed(SOURCE, other, "P100", "1"),
                completed(SOURCE, other, "P100", "3")));
        assertProblem(r, 409);
        assertThat(json(r).get("conflicts").get(0).get("earlierIndex").asInt()).isEqualTo(0);
    }

    @Test
    void aProducerSeesOnlyItsOwnEventsWhileAnAuditorSeesAll() {
        String mine = producerKey();
        String other = producerKey();
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"audit\",\"role\":\"auditor\"}");
        String trackingId = json(publish(mine, STRUCTURED, completed(SOURCE, uniqueId(), "P100", "1")))
                .get("receipts").get(0).get("trackingId").asString();

        assertThat(http.get("/api/v1/events/" + trackingId, mine).statusCode()).isEqualTo(200);
        assertProblem(http.get("/api/v1/events/" + trackingId, other), 404);
        assertThat(http.get("/api/v1/events/" + trackingId, auditor).statusCode()).isEqualTo(200);
        assertProblem(http.get("/api/v1/events/" + java.util.UUID.randomUUID(), auditor), 404);
        assertProblem(http.get("/api/v1/events/not-a-uuid", auditor), 404);
    }

    @Test
    void backlogCountsPendingEventsForReadersButNotForProducers() {
        String key = producerKey();
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"audit\",\"role\":\"auditor\"}");
        long before = accounted(json(http.get("/api/v1/pipeline/backlog", auditor)));
        publish(key, BATCH, batch(completed(SOURCE, uniqueId(), "P100", "1"), completed(SOURCE, uniqueId(), "P100", "1")));

        JsonNode backlog = json(http.get("/api/v1/pipeline/backlog", auditor));

        // the pipeline of the shared hub may have taken them up already: count every state
        assertThat(accounted(backlog)).isGreaterThanOrEqualTo(before + 2);
        assertThat(backlog.get("pending").asLong()).isNotNegative();
        assertProblem(http.get("/api/v1/pipeline/backlog", key), 403);
    }

    private static long accounted(JsonNode backlog) {
        return backlog.get("pending").asLong() + backlog.get("parked").asLong() + backlog.get("exceptions").asLong()
                + backlog.get("posted").asLong();
    }
}
