package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A plant of its own for one test on a shared hub: master data (a raw material in kg that also
 * comes in g and t, a finished good in ea with a BOM, locations, a supplier and a PO), a producer
 * key for its MES, and the canonical events that make a consumption and a completion postable.
 */
final class PlantFixture {

    static final String TIME = "2026-11-26T08:00:00Z";

    final String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    final String plant = "C" + u;
    final String store = plant + "-RM";
    final String line = plant + "-LINE";
    final String fg = plant + "-FG";
    final String raw = "RM-" + u;
    final String good = "FG-" + u;
    final String po = "PO-" + u;
    private final HubHttp http;
    private final String adminKey;
    final String producer;
    private int ids;

    PlantFixture(HubHttp http, String adminKey) {
        this.http = http;
        this.adminKey = adminKey;
        String body = "{\"plants\":[{\"code\":\"" + plant + "\",\"name\":\"Plant " + u + "\"}],"
                + "\"locations\":[{\"code\":\"" + store + "\",\"plant\":\"" + plant + "\",\"role\":\"STORE\"},"
                + "{\"code\":\"" + line + "\",\"plant\":\"" + plant + "\",\"role\":\"SUPPLY\"},"
                + "{\"code\":\"" + fg + "\",\"plant\":\"" + plant + "\",\"role\":\"FG\"}],"
                + "\"items\":[{\"code\":\"" + raw + "\",\"description\":\"Steel\",\"valuationClass\":\"RAW\","
                + "\"baseUom\":\"kg\",\"standardCost\":2.00,\"conversions\":[{\"uom\":\"g\",\"factor\":0.001},"
                + "{\"uom\":\"t\",\"factor\":1000}]},"
                + "{\"code\":\"" + good + "\",\"description\":\"Bracket\",\"valuationClass\":\"FINISHED\","
                + "\"baseUom\":\"ea\",\"standardCost\":10.00}],"
                + "\"boms\":[{\"item\":\"" + good + "\",\"components\":[{\"item\":\"" + raw + "\",\"quantityPer\":2}]}],"
                + "\"suppliers\":[{\"code\":\"S-" + u + "\",\"name\":\"Supplier " + u + "\"}],"
                + "\"purchaseOrders\":[{\"number\":\"" + po + "\",\"supplier\":\"S-" + u + "\",\"plant\":\"" + plant
                + "\",\"lines\":[{\"line\":10,\"item\":\"" + raw + "\",\"quantity\":100000,\"unitPrice\":2.00}]}]}";
        HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", adminKey, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        producer = http.issueKey(adminKey, "{\"name\":\"mes-" + u + "\",\"sources\":[\"*\"],\"plants\":[\"" + plant
                + "\"],\"eventTypes\":[\"*\"]}");
    }

    /** Releases {@code order} for 10 FG and stages 100 kg of lot {@code lot} on the line, all posted. */
    void releaseAndStage(String order, String lot) throws InterruptedException {
        awaitState(send("mfg.production.order.released", "{\"orderId\":\"" + order + "\",\"item\":\"" + good
                + "\",\"quantity\":10,\"uom\":\"ea\"}"), "POSTED");
        stage(order, lot);
    }

    /** 100 kg of lot {@code lot} received and moved to the line. */
    void stage(String order, String lot) throws InterruptedException {
        awaitState(send("mfg.procurement.goods.received", "{\"receiptId\":\"GR-" + order + "\",\"purchaseOrder\":\""
                + po + "\",\"poLine\":10,\"item\":\"" + raw + "\",\"lot\":\"" + lot + "\",\"quantity\":100,"
                + "\"uom\":\"kg\",\"location\":\"" + store + "\"}"), "POSTED");
        awaitState(send("mfg.inventory.stock.transferred", "{\"transferId\":\"TR-" + order + "\",\"item\":\"" + raw
                + "\",\"lot\":\"" + lot + "\",\"quantity\":100,\"uom\":\"kg\",\"fromLocation\":\"" + store
                + "\",\"toLocation\":\"" + line + "\"}"), "POSTED");
    }

    String send(String type, String data) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"x-" + u + "-" + (++ids) + "\",\"source\":\"urn:millrace:plant:"
                + plant + ":mes\",\"type\":\"" + type + "\",\"time\":\"" + TIME + "\",\"plant\":\"" + plant
                + "\",\"data\":" + data + "}";
        HttpResponse<String> r = http.post("/api/v1/events", producer, "application/cloudevents+json", event);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return HubHttp.json(r).get("receipts").get(0).get("trackingId").asString();
    }

    JsonNode event(String trackingId) {
        HttpResponse<String> r = http.get("/api/v1/events/" + trackingId, adminKey);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return HubHttp.json(r);
    }

    void awaitState(String trackingId, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String now = event(trackingId).get("state").asString();
        while (!now.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = event(trackingId).get("state").asString();
        }
        assertThat(now).as("state of " + trackingId + ": " + event(trackingId)).isEqualTo(wanted);
    }

    /** The journal entries of an order, as the ledger API lists them. */
    List<JsonNode> journal(String order) {
        HttpResponse<String> r = http.get("/api/v1/ledger/journal?order=" + order + "&limit=500", adminKey);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        JsonNode root = HubHttp.json(r);
        JsonNode list = root.has("entries") ? root.get("entries") : root;
        list.forEach(entries::add);
        return entries;
    }

    /** Waits until the order's journal has entries caused by {@code count} distinct events of {@code type}. */
    List<String> awaitPostedOf(String order, String type, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> found = postedOf(order, type);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = postedOf(order, type);
        }
        assertThat(found).as(type + " posted for " + order).hasSize(count);
        return found;
    }

    List<String> postedOf(String order, String type) {
        return journal(order).stream().filter(e -> type.equals(e.path("sourceEvent").path("type").asString(null))
                        || type.equals(e.path("eventType").asString(null)))
                .map(e -> e.path("sourceEvent").path("trackingId").asString(e.path("trackingId").asString("")))
                .distinct().toList();
    }
}
