package io.millrace.connectivity;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bindings over the API: versions, whole validation with every error, dry runs with stored and
 * unsaved mappings, and the HTTP channel answering like POST /api/v1/events with the binding,
 * version, raw message and unit conversion in the event's lineage.
 */
class BindingsApiIT extends ConnectivityHub {

    private PlantFixture p;
    private String name;

    @BeforeEach
    void plant() {
        p = new PlantFixture(http, ADMIN_KEY);
        name = "gw-" + p.u.toLowerCase();
    }

    private HttpResponse<String> put(String binding, String body) {
        return http.send("PUT", "/api/v1/bindings/" + binding, ADMIN_KEY, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> test(String binding, String query, String message) {
        return http.post("/api/v1/bindings/" + binding + "/test" + query, ADMIN_KEY, "application/json", message);
    }

    private static JsonNode problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
                assertThat(ct).startsWith("application/problem+json"));
        return json(r);
    }

    private static List<String> pointers(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("pointer").asString()).toList();
    }

    @Test
    void everyChangeMakesANewVersionThatIsListedAndDeletable() {
        HttpResponse<String> created = put(name, Dialects.gatewayBinding(p, "http", null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("version").asInt()).isEqualTo(1);
        HttpResponse<String> replaced = put(name, Dialects.gatewayBinding(p, "http", null));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("version").asInt()).isEqualTo(2);

        JsonNode one = json(http.get("/api/v1/bindings/" + name, ADMIN_KEY));
        assertThat(one.get("version").asInt()).isEqualTo(2);
        assertThat(one.get("mapping").asString()).isEqualTo(Dialects.gatewayMapping(p));
        assertThat(json(http.get("/api/v1/bindings", ADMIN_KEY)).get("bindings").valueStream()
                .map(b -> b.get("name").asString())).contains(name);
        assertThat(http.get("/api/v1/bindings", p.producer).statusCode()).isEqualTo(403);
        JsonNode listed = json(http.get("/api/v1/catalog/bindings", p.producer)).get("bindings").valueStream()
                .filter(b -> b.get("name").asString().equals(name)).findFirst().orElseThrow();
        assertThat(listed.get("ingest").asString()).isEqualTo("/api/v1/ingest/" + name);
        assertThat(listed.has("mapping")).as("the catalog shows where to send, not the mapping").isFalse();

        assertThat(http.send("DELETE", "/api/v1/bindings/" + name, ADMIN_KEY, null, null).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/v1/bindings/" + name, ADMIN_KEY).statusCode()).isEqualTo(404);
        HttpResponse<String> again = put(name, Dialects.gatewayBinding(p, "http", null));
        assertThat(json(again).get("version").asInt()).as("a name taken again goes on counting").isEqualTo(4);
    }

    @Test
    void aBadBindingIsRefusedWithEveryErrorAndChangesNothing() {
        String bad = "{\"channel\":\"mqtt\",\"topic\":\"plants/#/x\",\"format\":\"yaml\",\"plants\":[],"
                + "\"eventTypes\":[\"mfg.production.material.eaten\"],\"mapping\":\"{'type': message.a\"}";

        JsonNode refused = problem(put(name, bad), 400);

        assertThat(pointers(refused)).contains("/topic", "/format", "/source", "/plants", "/eventTypes/0", "/mapping");
        assertThat(refused.get("errors").valueStream().filter(e -> e.get("pointer").asString().equals("/mapping"))
                .findFirst().orElseThrow().get("message").asString()).contains("does not compile");
        assertThat(http.get("/api/v1/bindings/" + name, ADMIN_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void anExpressionThatDoesNotCompileLeavesTheStoredVersionInPlace() {
        put(name, Dialects.gatewayBinding(p, "http", null));
        String broken = Dialects.gatewayBinding(p, "http", null).replace("\"mapping\":\"", "\"mapping\":\"(");

        JsonNode refused = problem(put(name, broken), 400);

        assertThat(pointers(refused)).containsExactly("/mapping");
        assertThat(json(http.get("/api/v1/bindings/" + name, ADMIN_KEY)).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aDryRunAnswersTheCanonicalEventsAndStoresNothing() {
        put(name, Dialects.gatewayBinding(p, "http", null));

        HttpResponse<String> r = test(name, "", Dialects.consume(p, "MO-T1", "L1", "2500", "g"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode event = json(r).get("events").get(0);
        assertThat(event.get("type").asString()).isEqualTo("mfg.production.material.consumed");
        assertThat(event.get("source").asString()).isEqualTo("urn:millrace:plant:" + p.plant + ":gateway");
        assertThat(event.get("plant").asString()).isEqualTo(p.plant);
        assertThat(event.get("data").get("quantity").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(event.get("data").get("uom").asString()).isEqualTo("kg");
        assertThat(p.journal("MO-T1")).isEmpty();
    }

    @Test
    void anEventTypeOutsideTheBindingsScopeIsAPreciseForbidden() {
        put(name, Dialects.gatewayBinding(p, "http", null));
        String closing = "{'type': 'mfg.production.order.closed', 'time': message.at, 'data': {'orderId': message.wo}}";

        JsonNode refused = problem(test(name, "?mapping=" + encode(closing), Dialects.consume(p, "MO-T2", "L1", "1",
                "kg")), 403);

        assertThat(pointers(refused)).containsExactly("/type");
        assertThat(refused.get("errors").get(0).get("message").asString())
                .contains("'mfg.production.order.closed' is outside the binding's scope");
    }

    @Test
    void aMissingFieldIsNamedByItsPointer() {
        put(name, Dialects.gatewayBinding(p, "http", null));
        String noLot = Dialects.gatewayMapping(p).replace("'lot': message.batch, ", "");

        JsonNode refused = problem(test(name, "?mapping=" + encode(noLot), Dialects.consume(p, "MO-T3", "L1", "1",
                "kg")), 400);

        assertThat(refused.get("errors").valueStream().map(e -> e.get("pointer").asString() + " "
                + e.get("message").asString())).anySatisfy(e -> assertThat(e).contains("lot"));
    }

    @Test
    void aUnitWithoutConversionIsRefusedAtItsPointer() {
        put(name, Dialects.gatewayBinding(p, "http", null));

        JsonNode refused = problem(http.post("/api/v1/ingest/" + name, p.producer, "application/json",
                Dialects.consume(p, "MO-T4", "L1", "3", "lb")), 400);

        assertThat(pointers(refused)).containsExactly("/data/uom");
        assertThat(refused.get("errors").get(0).get("message").asString()).contains("no conversion from 'lb'");
        assertThat(p.journal("MO-T4")).isEmpty();
    }

    @Test
    void anUnsavedMappingThatDoesNotCompileIsRefused() {
        put(name, Dialects.gatewayBinding(p, "http", null));

        JsonNode refused = problem(test(name, "?mapping=" + encode("{'a': "), "{}"), 400);

        assertThat(pointers(refused)).containsExactly("/mapping");
    }

    @Test
    void theHttpChannelAcceptsOnceAndRecordsBindingVersionRawMessageAndConversionAsLineage() throws Exception {
        put(name, Dialects.gatewayBinding(p, "http", null));
        p.releaseAndStage("MO-H1", "L-H1");
        String message = Dialects.consume(p, "MO-H1", "L-H1", "2500", "g");

        HttpResponse<String> first = http.post("/api/v1/ingest/" + name, p.producer, "application/json", message);
        HttpResponse<String> second = http.post("/api/v1/ingest/" + name, p.producer, "application/json", message);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode receipt = json(first).get("receipts").get(0);
        assertThat(receipt.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(json(second).get("receipts").get(0).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(json(second).get("receipts").get(0).get("trackingId").asString())
                .isEqualTo(receipt.get("trackingId").asString());
        String trackingId = receipt.get("trackingId").asString();
        p.awaitState(trackingId, "POSTED");
        JsonNode origin = p.event(trackingId).get("origin");
        assertThat(origin.get("channel").asString()).isEqualTo("http");
        assertThat(origin.get("binding").asString()).isEqualTo(name);
        assertThat(origin.get("bindingVersion").asInt()).isEqualTo(1);
        assertThat(origin.get("message").asString()).isEqualTo(message);
        JsonNode conversion = origin.get("conversions").get(0);
        assertThat(conversion.get("quantity").decimalValue()).isEqualByComparingTo("2500");
        assertThat(conversion.get("uom").asString()).isEqualTo("g");
        assertThat(conversion.get("baseQuantity").decimalValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void aKeyOutsideThePlantCannotIngestThroughTheBinding() {
        put(name, Dialects.gatewayBinding(p, "http", null));
        String other = http.issueKey(ADMIN_KEY, "{\"name\":\"other-" + p.u + "\",\"sources\":[\"*\"],"
                + "\"plants\":[\"ELSEWHERE\"],\"eventTypes\":[\"*\"]}");

        JsonNode refused = problem(http.post("/api/v1/ingest/" + name, other, "application/json",
                Dialects.consume(p, "MO-T5", "L1", "1", "kg")), 403);

        assertThat(refused.get("detail").asString()).contains("plant '" + p.plant + "' is not allowed for this key");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
