package io.millrace.ledger;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A transfer between plants on a running hub: shipped into transit by the sending plant, received
 * by the hub's own receipt in the receiving plant, each plant's ledger as the one-step rule gives
 * it, nothing left in transit, and the transfer refused for reversal. Each test has two plants of
 * its own, with events in April 2031.
 */
class TransfersBetweenPlantsIT extends HubIntegrationTest {

    private static final String CLOUDEVENT = "application/cloudevents+json";

    private String from;
    private String to;
    private String source;
    private String item;
    private String po;
    private String producer;
    private String operator;

    @BeforeEach
    void twoPlantsOfTheirOwn() {
        String u = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        from = "PA" + u;
        to = "PB" + u;
        source = "urn:millrace:plant:" + from + ":wms";
        item = "RM-" + u;
        po = "PO-" + u;
        HttpResponse<String> md = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json", ("{"
                + "\"plants\":[{\"code\":\"" + from + "\",\"name\":\"Sending\"},{\"code\":\"" + to
                + "\",\"name\":\"Receiving\"}],"
                + "\"locations\":[{\"code\":\"" + from + "-RM\",\"plant\":\"" + from + "\",\"role\":\"STORE\"},"
                + "{\"code\":\"" + to + "-RM\",\"plant\":\"" + to + "\",\"role\":\"STORE\"}],"
                + "\"items\":[{\"code\":\"" + item + "\",\"description\":\"Steel\",\"valuationClass\":\"RAW\","
                + "\"baseUom\":\"kg\",\"standardCost\":2.00}],"
                + "\"suppliers\":[{\"code\":\"S-" + u + "\",\"name\":\"Acme\"}],"
                + "\"purchaseOrders\":[{\"number\":\"" + po + "\",\"supplier\":\"S-" + u + "\",\"plant\":\"" + from
                + "\",\"lines\":[{\"line\":10,\"item\":\"" + item + "\",\"quantity\":1000,\"unitPrice\":2.00}]}]}")
                .getBytes());
        assertThat(md.statusCode()).as(md.body()).isEqualTo(200);
        producer = http.issueKey(ADMIN_KEY, "{\"name\":\"wms-" + u + "\",\"sources\":[\"" + source + "\"],"
                + "\"plants\":[\"" + from + "\",\"" + to + "\"],\"eventTypes\":[\"*\"]}");
        operator = http.issueKey(ADMIN_KEY, "{\"name\":\"ops-" + u + "\",\"role\":\"operator\"}");
    }

    @Test
    void theReceivingPlantReceivesTheTransferAndNothingStaysInTransit() {
        awaitState(send(event("mfg.procurement.goods.received", "{\"receiptId\":\"GR-1\",\"purchaseOrder\":\"" + po
                + "\",\"poLine\":10,\"item\":\"" + item + "\",\"lot\":\"L-1\",\"quantity\":100,\"uom\":\"kg\","
                + "\"location\":\"" + from + "-RM\"}")), "POSTED");

        String transfer = send(event("mfg.inventory.stock.transferred", "{\"transferId\":\"TR-1\",\"item\":\"" + item
                + "\",\"lot\":\"L-1\",\"quantity\":40,\"uom\":\"kg\",\"fromLocation\":\"" + from + "-RM\","
                + "\"toLocation\":\"" + to + "-RM\",\"toPlant\":\"" + to + "\"}"));
        awaitState(transfer, "POSTED");
        JsonNode transit = await(() -> json(http.get("/api/v1/ledger/journal?account=1470&plant=" + to, ADMIN_KEY)),
                j -> j.get("entries").size() == 2).get("entries");

        String receipt = null;
        for (JsonNode entry : transit) {
            if (!entry.get("trackingId").asString().equals(transfer)) {
                receipt = entry.get("trackingId").asString();
            }
        }
        JsonNode received = awaitState(receipt, "POSTED").get("event");
        assertThat(received.get("type").asString()).isEqualTo("mfg.inventory.transfer.received");
        assertThat(received.get("source").asString()).isEqualTo("urn:millrace:hub:transfers");
        assertThat(received.get("plant").asString()).isEqualTo(to);
        JsonNode lineage = awaitState(transfer, "POSTED").get("lineage");
        JsonNode receiptStep = lineage.get(lineage.size() - 1);
        assertThat(receiptStep.get("step").asString()).isEqualTo("TRANSFER_RECEIPT");
        assertThat(receiptStep.get("reason").asString()).isEqualTo("POSTED");
        assertThat(receiptStep.get("message").asString()).contains(to, receipt);
        assertThat(balance(from, "1400")).isEqualByComparingTo("120.00");
        assertThat(balance(to, "1400")).isEqualByComparingTo("80.00");
        assertThat(balance(to, "1470")).isEqualByComparingTo("0.00");
        JsonNode stock = json(http.get("/api/v1/inventory?plant=" + to, ADMIN_KEY)).get("rows");
        assertThat(stock.get(0).get("location").asString()).isEqualTo(to + "-RM");
        assertThat(stock.get(0).get("quantity").decimalValue()).isEqualByComparingTo("40");
        JsonNode inTransit = json(http.get("/api/v1/inventory/in-transit?plant=" + to, ADMIN_KEY));
        assertThat(inTransit.get("rows")).isEmpty();
        assertThat(inTransit.get("totalValue").decimalValue()).isEqualByComparingTo("0");
        assertThat(json(http.get("/api/v1/ledger/reconciliation?plant=" + to, ADMIN_KEY)).get("balanced")
                .asBoolean()).isTrue();

        HttpResponse<String> reversal = http.post("/api/v1/events/" + transfer + "/reversal", operator,
                "application/json", "{\"reason\":\"wrong plant\"}");
        assertThat(reversal.statusCode()).as(reversal.body()).isEqualTo(202);
        String reversing = json(reversal).get("trackingId").asString();
        JsonNode refused = awaitState(reversing, "EXCEPTION").get("lineage");
        assertThat(refused.get(refused.size() - 1).get("reason").asString()).isEqualTo("REVERSAL_NOT_SUPPORTED");
    }

    @Test
    void producersMayNotSendTheHubsReceipt() {
        HttpResponse<String> forged = http.post("/api/v1/events", producer, CLOUDEVENT, "{\"specversion\":\"1.0\","
                + "\"id\":\"" + uniqueId() + "\",\"source\":\"urn:millrace:hub:transfers\","
                + "\"type\":\"mfg.inventory.transfer.received\",\"time\":\"2031-04-02T08:00:00Z\",\"plant\":\"" + to
                + "\",\"data\":{\"transferTrackingId\":\"" + UUID.randomUUID() + "\",\"transferId\":\"TR-9\","
                + "\"item\":\"" + item + "\",\"lot\":\"L-1\",\"quantity\":5,\"uom\":\"kg\",\"fromPlant\":\"" + from
                + "\",\"toLocation\":\"" + to + "-RM\"}}");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    }

    private String event(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + uniqueId() + "\",\"source\":\"" + source + "\",\"type\":\""
                + type + "\",\"time\":\"2031-04-02T08:00:00Z\",\"plant\":\"" + from + "\",\"data\":" + data + "}";
    }

    private String send(String event) {
        HttpResponse<String> r = http.post("/api/v1/events", producer, CLOUDEVENT, event);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("receipts").get(0).get("trackingId").asString();
    }

    private JsonNode awaitState(String trackingId, String state) {
        return await(() -> json(http.get("/api/v1/events/" + trackingId, ADMIN_KEY)),
                e -> e.get("state").asString().equals(state));
    }

    private BigDecimal balance(String plant, String account) {
        for (JsonNode a : json(http.get("/api/v1/ledger/trial-balance?plant=" + plant, ADMIN_KEY)).get("accounts")) {
            if (a.get("account").asString().equals(account)) {
                return a.get("balance").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }
}
