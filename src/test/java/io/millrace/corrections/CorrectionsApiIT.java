package io.millrace.corrections;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Corrections over the API on a running hub: reversal by an operator and by a producer, a
 * reversal that is no longer possible, revaluation on a new standard cost, a shadow replay that
 * leaves the books untouched, period close readiness with override and reopen, and a supplier
 * invoice in a foreign currency. Each test has a plant of its own, with events in March 2031.
 */
class CorrectionsApiIT extends HubIntegrationTest {

    private static final String CLOUDEVENT = "application/cloudevents+json";

    private String plant;
    private String source;
    private String item;
    private String po;
    private String producer;
    private String operator;

    @BeforeEach
    void plantOfItsOwn() {
        String u = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        plant = "PC" + u;
        source = "urn:millrace:plant:" + plant + ":wms";
        item = "RM-" + u;
        po = "PO-" + u;
        HttpResponse<String> md = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json", ("{"
                + "\"plants\":[{\"code\":\"" + plant + "\",\"name\":\"Corrections\"}],"
                + "\"locations\":[{\"code\":\"" + plant + "-RM\",\"plant\":\"" + plant + "\",\"role\":\"STORE\"}],"
                + "\"items\":[{\"code\":\"" + item + "\",\"description\":\"Steel\",\"valuationClass\":\"RAW\","
                + "\"baseUom\":\"kg\",\"standardCost\":2.00}],"
                + "\"suppliers\":[{\"code\":\"S-" + u + "\",\"name\":\"Acme\"}],"
                + "\"purchaseOrders\":[{\"number\":\"" + po + "\",\"supplier\":\"S-" + u + "\",\"plant\":\"" + plant
                + "\",\"lines\":[{\"line\":10,\"item\":\"" + item + "\",\"quantity\":1000,\"unitPrice\":2.10}]}]}")
                .getBytes());
        assertThat(md.statusCode()).as(md.body()).isEqualTo(200);
        producer = http.issueKey(ADMIN_KEY, "{\"name\":\"wms-" + u + "\",\"sources\":[\"" + source + "\"],"
                + "\"plants\":[\"" + plant + "\"],\"eventTypes\":[\"*\"]}");
        operator = http.issueKey(ADMIN_KEY, "{\"name\":\"ops-" + u + "\",\"role\":\"operator\"}");
    }

    @Test
    void anOperatorReversesAReceiptAndASecondReversalIsAnExceptionThatChangesNothing() {
        String receipt = send(receipt("GR-1", 100));
        awaitState(receipt, "POSTED");
        assertThat(balance("1400")).isEqualByComparingTo("200.00");

        HttpResponse<String> refused = http.post("/api/v1/events/" + receipt + "/reversal", operator,
                "application/json", "{}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("errors").get(0).get("pointer").asString()).isEqualTo("/reason");
        assertThat(http.post("/api/v1/events/" + receipt + "/reversal", producer, "application/json",
                "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);

        String reversal = reverse(receipt, "received against the wrong PO");
        awaitState(reversal, "POSTED");
        JsonNode original = awaitState(receipt, "REVERSED");
        assertThat(steps(original)).contains("REVERSED");
        assertThat(steps(event(reversal))).contains("REVERSES", "POSTED");
        assertThat(balance("1400")).isEqualByComparingTo("0.00");
        assertThat(balance("2100")).isEqualByComparingTo("0.00");
        JsonNode entries = json(http.get("/api/v1/ledger/journal?trackingId=" + reversal, ADMIN_KEY)).get("entries");
        assertThat(entries.get(0).get("reversalOf").asString()).isEqualTo(receipt + "-1");
        assertThat(entries.get(0).get("text").asString()).contains("received against the wrong PO");

        String again = reverse(receipt, "twice");
        awaitState(again, "EXCEPTION");
        assertThat(reasonOf(again)).isEqualTo("REVERSAL_ALREADY_REVERSED");
        assertThat(balance("1400")).isEqualByComparingTo("0.00");
    }

    @Test
    void aProducerReversesItsOwnEventButMayNotUseTheHubsSource() {
        String receipt = send(receipt("GR-1", 10));
        awaitState(receipt, "POSTED");
        String reversal = send(envelope(source, "mfg.correction.reversal.requested", "2031-03-06T10:00:00Z",
                "{\"trackingId\":\"" + receipt + "\",\"reason\":\"scanned twice\"}"));
        awaitState(reversal, "POSTED");
        awaitState(receipt, "REVERSED");
        HttpResponse<String> spoofed = http.post("/api/v1/events", producer, CLOUDEVENT, envelope(
                "urn:millrace:hub:corrections", "mfg.correction.reversal.requested", "2031-03-06T10:00:00Z",
                "{\"trackingId\":\"" + receipt + "\",\"reason\":\"x\"}"));
        assertThat(spoofed.statusCode()).isEqualTo(403);
    }

    @Test
    void aNewStandardCostRevaluesStockAndAReplayReportsTheDifferenceWithoutTouchingTheBooks() {
        awaitState(send(receipt("GR-1", 50)), "POSTED");
        HttpResponse<String> changed = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                ("{\"items\":[{\"code\":\"" + item + "\",\"description\":\"Steel\",\"valuationClass\":\"RAW\","
                        + "\"baseUom\":\"kg\",\"standardCost\":2.50}]}").getBytes());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(balance("1400")).isEqualByComparingTo("125.00");
        assertThat(balance("5410")).isEqualByComparingTo("-25.00");
        JsonNode stock = json(http.get("/api/v1/inventory?plant=" + plant, ADMIN_KEY)).get("rows");
        assertThat(stock.get(0).get("value").decimalValue()).isEqualByComparingTo("125.00");
        JsonNode revaluation = json(http.get("/api/v1/ledger/journal?account=5410&plant=" + plant, ADMIN_KEY))
                .get("entries").get(0);
        assertThat(revaluation.get("actor").asString()).startsWith("key:");
        assertThat(revaluation.get("text").asString()).contains("2.00", "2.50", item);
        String trialBalanceBefore = http.get("/api/v1/ledger/trial-balance?plant=" + plant, ADMIN_KEY).body();

        HttpResponse<String> started = http.post("/api/v1/replays", operator, "application/json",
                "{\"plants\":[\"" + plant + "\"],\"standardCosts\":{\"" + item + "\":3.00},\"reason\":\"budget 2032\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json(started).get("id").asString();
        JsonNode done = await(() -> json(http.get("/api/v1/replays/" + id, ADMIN_KEY)),
                r -> r.get("status").asString().equals("COMPLETED"));
        List<String> rows = new ArrayList<>();
        done.get("differences").forEach(r -> rows.add(r.get("account").asString() + " "
                + r.get("difference").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
        assertThat(rows).containsExactly("1400 50.00", "5100 -50.00");
        assertThat(http.get("/api/v1/ledger/trial-balance?plant=" + plant, ADMIN_KEY).body())
                .isEqualTo(trialBalanceBefore);
        assertThat(http.post("/api/v1/replays", operator, "application/json",
                "{\"standardCosts\":{\"NO-SUCH-ITEM\":1}}").statusCode()).isEqualTo(400);
    }

    @Test
    void closeRefusesAnUnreadyPeriodAnOverrideClosesItAndAnAdminReopensIt() {
        // Readiness counts every plant's events of the month, so the month is one no other test posts into.
        String month = "2047-0" + (1 + Math.floorMod(plant.hashCode(), 9));
        String broken = send(envelope(source, "mfg.procurement.goods.received", month + "-10T08:00:00Z",
                "{\"receiptId\":\"GR-9\",\"purchaseOrder\":\"" + po + "\",\"poLine\":10,\"item\":\"NO-" + item
                        + "\",\"lot\":\"L-9\",\"quantity\":1,\"uom\":\"kg\",\"location\":\"" + plant + "-RM\"}"));
        awaitState(broken, "EXCEPTION");
        JsonNode readiness = json(http.get("/api/v1/ledger/periods/" + month + "/readiness", operator));
        assertThat(readiness.get("ready").asBoolean()).isFalse();

        HttpResponse<String> refused = http.post("/api/v1/ledger/periods/" + month + "/close", operator,
                "application/json", "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("blockers").get(0).asString()).contains("open exceptions");
        assertThat(http.post("/api/v1/ledger/periods/" + month + "/close", operator, "application/json",
                "{\"override\":true}").statusCode()).isEqualTo(400);

        HttpResponse<String> closed = http.post("/api/v1/ledger/periods/" + month + "/close", operator,
                "application/json", "{\"override\":true,\"reason\":\"receipt is investigated in the next month\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(json(closed).get("closed").asBoolean()).isTrue();
        assertThat(json(closed).get("overrideReason").asString()).contains("investigated");

        assertThat(http.post("/api/v1/ledger/periods/" + month + "/reopen", operator, "application/json",
                "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> reopened = http.post("/api/v1/ledger/periods/" + month + "/reopen", ADMIN_KEY,
                "application/json", "{\"reason\":\"late supplier credit\"}");
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        assertThat(json(reopened).get("closed").asBoolean()).isFalse();
        assertThat(http.post("/api/v1/exceptions/" + openExceptionOf(broken) + "/discard", operator,
                "application/json", "{}").statusCode()).isEqualTo(202);
        assertThat(json(http.get("/api/v1/ledger/periods/" + month + "/readiness", operator)).get("ready")
                .asBoolean()).isTrue();
    }

    @Test
    void aForeignCurrencyInvoicePostsAtTheRateOfItsDateAndWithoutARateIsAnException() {
        awaitState(send(receipt("GR-1", 50)), "POSTED");
        HttpResponse<String> rates = http.send("PUT", "/api/v1/master-data/exchange-rates", ADMIN_KEY,
                "application/json", "{\"exchangeRates\":[{\"currency\":\"USD\",\"validFrom\":\"2031-01-01\",\"rate\":0.90}]}"
                        .getBytes());
        assertThat(rates.statusCode()).as(rates.body()).isEqualTo(200);
        String supplier = "S-" + item.substring(3);
        String invoice = send(envelope(source, "mfg.procurement.invoice.received", "2031-03-07T08:00:00Z",
                "{\"invoiceId\":\"INV-1\",\"supplier\":\"" + supplier + "\",\"currency\":\"USD\",\"lines\":[{"
                        + "\"purchaseOrder\":\"" + po + "\",\"poLine\":10,\"quantity\":50,\"unitPrice\":2.30}]}"));
        awaitState(invoice, "POSTED");
        JsonNode entry = json(http.get("/api/v1/ledger/journal?trackingId=" + invoice, ADMIN_KEY)).get("entries")
                .get(0);
        assertThat(entry.get("document").get("currency").asString()).isEqualTo("USD");
        assertThat(entry.get("document").get("amount").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(balance("2000")).isEqualByComparingTo("-103.50");

        String unrated = send(envelope(source, "mfg.procurement.invoice.received", "2031-03-08T08:00:00Z",
                "{\"invoiceId\":\"INV-2\",\"supplier\":\"" + supplier + "\",\"currency\":\"CHF\",\"lines\":[{"
                        + "\"purchaseOrder\":\"" + po + "\",\"poLine\":10,\"quantity\":1,\"unitPrice\":2.30}]}"));
        awaitState(unrated, "EXCEPTION");
        assertThat(reasonOf(unrated)).isEqualTo("EXCHANGE_RATE_MISSING");
        assertThat(http.send("PUT", "/api/v1/master-data/exchange-rates", ADMIN_KEY, "application/json",
                "{\"exchangeRates\":[{\"currency\":\"usd\",\"validFrom\":\"x\",\"rate\":0}]}".getBytes()).statusCode())
                .isEqualTo(400);
    }

    private String openExceptionOf(String trackingId) {
        for (int offset = 0; ; offset += 500) {
            JsonNode items = json(http.get("/api/v1/exceptions?status=OPEN&limit=500&offset=" + offset, ADMIN_KEY))
                    .get("items");
            assertThat(items.isEmpty()).as("no open exception of " + trackingId).isFalse();
            for (JsonNode item : items) {
                if (item.get("trackingId").asString().equals(trackingId)) {
                    return item.get("id").asString();
                }
            }
        }
    }

    private String receipt(String id, int quantity) {
        return envelope(source, "mfg.procurement.goods.received", "2031-03-05T08:00:00Z",
                "{\"receiptId\":\"" + id + "\",\"purchaseOrder\":\"" + po + "\",\"poLine\":10,\"item\":\"" + item
                        + "\",\"lot\":\"L-1\",\"quantity\":" + quantity + ",\"uom\":\"kg\",\"location\":\"" + plant
                        + "-RM\"}");
    }

    private String envelope(String from, String type, String time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + uniqueId() + "\",\"source\":\"" + from + "\",\"type\":\""
                + type + "\",\"time\":\"" + time + "\",\"plant\":\"" + plant + "\",\"data\":" + data + "}";
    }

    private String send(String event) {
        HttpResponse<String> r = http.post("/api/v1/events", producer, CLOUDEVENT, event);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("receipts").get(0).get("trackingId").asString();
    }

    private String reverse(String trackingId, String reason) {
        HttpResponse<String> r = http.post("/api/v1/events/" + trackingId + "/reversal", operator,
                "application/json", "{\"reason\":\"" + reason + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("trackingId").asString();
    }

    private JsonNode event(String trackingId) {
        return json(http.get("/api/v1/events/" + trackingId, ADMIN_KEY));
    }

    private JsonNode awaitState(String trackingId, String state) {
        return await(() -> event(trackingId), e -> e.get("state").asString().equals(state));
    }

    private static List<String> steps(JsonNode event) {
        List<String> steps = new ArrayList<>();
        event.get("lineage").forEach(s -> steps.add(s.get("step").asString()));
        return steps;
    }

    private String reasonOf(String trackingId) {
        JsonNode lineage = event(trackingId).get("lineage");
        return lineage.get(lineage.size() - 1).get("reason").asString();
    }

    private BigDecimal balance(String account) {
        for (JsonNode a : json(http.get("/api/v1/ledger/trial-balance?plant=" + plant, ADMIN_KEY)).get("accounts")) {
            if (a.get("account").asString().equals(account)) {
                return a.get("balance").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }
}
