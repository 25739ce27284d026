package io.millrace.pipeline;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The exception queue over real HTTP through the access filter: listing, operator retry, approve
 * and discard with the operator recorded, role checks, problems for unknown ids and refused
 * decisions, the console's view of an open exception, and the pipeline's meters on the Prometheus
 * endpoint. The hub is shared with other tests, so every code here carries this run's own suffix.
 */
class ExceptionsApiIT extends HubIntegrationTest {

    private static final String TIME = "2026-11-26T08:00:00Z";

    private final String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private final String plant = "T" + u;
    private final String store = plant + "-RM";
    private final String line = plant + "-LINE";
    private final String po = "PO-" + u;
    private String producer;
    private String operator;
    private String operatorKeyId;
    private int ids;

    @BeforeEach
    void masterDataAndKeys() {
        putMasterData(false);
        producer = http.issueKey(ADMIN_KEY, "{\"name\":\"mes-" + u + "\",\"sources\":[\"*\"],\"plants\":[\"" + plant
                + "\"],\"eventTypes\":[\"*\"]}");
        HttpResponse<String> issued = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"ops-" + u + "\",\"role\":\"operator\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        operator = json(issued).get("apiKey").asString();
        operatorKeyId = json(issued).get("keyId").asString();
    }

    @Test
    void anUnknownItemIsListedAsAnOpenExceptionAndPostsWhenAnOperatorRetriesAfterTheFix() throws Exception {
        String release = send("mfg.production.order.released", "{\"orderId\":\"MO-" + u + "\",\"item\":\"FG-" + u
                + "\",\"quantity\":10,\"uom\":\"ea\"}");
        awaitState(release, "POSTED");
        String consumption = send("mfg.production.material.consumed", "{\"orderId\":\"MO-" + u + "\",\"item\":\"RM-B-"
                + u + "\",\"lot\":\"L-B-" + u + "\",\"quantity\":5,\"uom\":\"kg\",\"location\":\"" + line + "\"}");
        awaitState(consumption, "EXCEPTION");

        JsonNode raised = openException(consumption);
        assertThat(raised.get("reason").asString()).isEqualTo("UNKNOWN_ITEM");
        assertThat(raised.get("message").asString()).contains("RM-B-" + u);
        assertThat(raised.get("type").asString()).isEqualTo("mfg.production.material.consumed");
        assertThat(raised.get("status").asString()).isEqualTo("OPEN");
        assertThat(raised.get("raisedAt").asString()).isNotBlank();
        String id = raised.get("id").asString();

        for (String action : List.of("retry", "approve", "discard")) {
            assertProblem(http.post("/api/v1/exceptions/" + id + "/" + action, producer, null, null), 403);
        }
        assertProblem(http.get("/api/v1/exceptions?status=OPEN", producer), 403);
        HttpResponse<String> refused = http.post("/api/v1/exceptions/" + id + "/approve", operator, null, null);
        assertProblem(refused, 409);
        assertThat(json(refused).get("exceptionStatus").asString()).isEqualTo("OPEN");
        assertThat(json(refused).get("reason").asString()).isEqualTo("UNKNOWN_ITEM");

        // the item becomes known: the hub retries at once, and now the lot is missing at the line
        putMasterData(true);
        awaitReason(id, "NEGATIVE_STOCK");
        awaitState(send("mfg.procurement.goods.received", "{\"receiptId\":\"GR-B-" + u + "\",\"purchaseOrder\":\""
                + po + "\",\"poLine\":30,\"item\":\"RM-B-" + u + "\",\"lot\":\"L-B-" + u + "\",\"quantity\":10,"
                + "\"uom\":\"kg\",\"location\":\"" + store + "\"}"), "POSTED");
        awaitState(send("mfg.inventory.stock.transferred", "{\"transferId\":\"TR-B-" + u + "\",\"item\":\"RM-B-" + u
                + "\",\"lot\":\"L-B-" + u + "\",\"quantity\":10,\"uom\":\"kg\",\"fromLocation\":\"" + store
                + "\",\"toLocation\":\"" + line + "\"}"), "POSTED");
        assertThat(state(consumption)).as("an exception waits for a decision").isEqualTo("EXCEPTION");

        HttpResponse<String> retried = http.post("/api/v1/exceptions/" + id + "/retry", operator, null, null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json(retried).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(json(retried).get("decidedBy").asString()).isEqualTo("key:" + operatorKeyId);

        JsonNode event = json(http.get("/api/v1/events/" + consumption, operator));
        assertThat(event.get("state").asString()).isEqualTo("POSTED");
        List<String> steps = new ArrayList<>();
        event.get("lineage").forEach(s -> steps.add(s.get("step").asString()));
        assertThat(steps).startsWith("ACCEPTED", "EXCEPTION_RAISED").endsWith("RETRIED", "POSTED");
        JsonNode posted = event.get("lineage").get(steps.size() - 1);
        assertThat(posted.get("journalEntries")).hasSize(1);
        List<String> accounts = new ArrayList<>();
        posted.get("journalEntries").get(0).get("lines").forEach(l -> accounts.add(l.get("account").asString()));
        assertThat(accounts).containsExactlyInAnyOrder("1450", "1400");
        assertProblem(http.post("/api/v1/exceptions/" + id + "/retry", operator, null, null), 409);
    }

    @Test
    void anInvoiceOutsideThePriceToleranceIsApprovedByAnOperatorWhoIsTheActorOfItsPosting() throws Exception {
        receiveSteel();
        String invoice = send("mfg.procurement.invoice.received", invoice("INV-A-" + u, "2.50"));
        awaitState(invoice, "EXCEPTION");
        JsonNode raised = openException(invoice);
        assertThat(raised.get("reason").asString()).isEqualTo("THREE_WAY_MATCH_FAILED");
        assertThat(raised.get("message").asString()).isNotBlank();

        HttpResponse<String> approved = http.post("/api/v1/exceptions/" + raised.get("id").asString() + "/approve",
                operator, null, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        assertThat(json(approved).get("status").asString()).isEqualTo("APPROVED");
        assertThat(json(approved).get("decidedBy").asString()).isEqualTo("key:" + operatorKeyId);
        assertThat(state(invoice)).isEqualTo("POSTED");

        HttpResponse<String> journal = http.get("/api/v1/ledger/journal?trackingId=" + invoice, operator);
        assertThat(journal.statusCode()).isEqualTo(200);
        JsonNode entries = json(journal).get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("actor").asString()).isEqualTo("key:" + operatorKeyId);
        List<String> accounts = new ArrayList<>();
        entries.get(0).get("lines").forEach(l -> accounts.add(l.get("account").asString()));
        assertThat(accounts).contains("2100", "2000", "5100");
        assertAudited(raised.get("id").asString(), "exception.approved", "APPROVED");
    }

    /** The decision is in the audit log with the operator, the exception as it was and as it is. */
    private void assertAudited(String exceptionId, String action, String status) {
        HttpResponse<String> audit = http.get("/api/v1/audit?subject=exception:" + exceptionId, ADMIN_KEY);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode records = json(audit).get("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("action").asString()).isEqualTo(action);
        assertThat(records.get(0).get("actor").asString()).isEqualTo("key:" + operatorKeyId);
        assertThat(records.get(0).get("before").get("status").asString()).isEqualTo("OPEN");
        assertThat(records.get(0).get("before").get("reason").asString()).isEqualTo("THREE_WAY_MATCH_FAILED");
        assertThat(records.get(0).get("after").get("status").asString()).isEqualTo(status);
    }

    @Test
    void aDiscardedInvoiceStaysAnExceptionAndTheDiscardNamesTheOperator() throws Exception {
        receiveSteel();
        String invoice = send("mfg.procurement.invoice.received", invoice("INV-D-" + u, "3.00"));
        awaitState(invoice, "EXCEPTION");
        String id = openException(invoice).get("id").asString();

        HttpResponse<String> discarded = http.post("/api/v1/exceptions/" + id + "/discard", operator, null, null);
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(202);
        assertThat(json(discarded).get("status").asString()).isEqualTo("DISCARDED");
        assertThat(json(discarded).get("decidedBy").asString()).isEqualTo("key:" + operatorKeyId);
        assertThat(state(invoice)).isEqualTo("EXCEPTION");
        JsonNode listed = find("DISCARDED", invoice);
        assertThat(listed).isNotNull();
        assertThat(listed.get("decidedBy").asString()).isEqualTo("key:" + operatorKeyId);
        assertThat(find("OPEN", invoice)).isNull();
        assertThat(json(http.get("/api/v1/ledger/journal?trackingId=" + invoice, operator)).get("entries")).isEmpty();
        assertProblem(http.post("/api/v1/exceptions/" + id + "/approve", operator, null, null), 409);
        assertAudited(id, "exception.discarded", "DISCARDED");
    }

    @Test
    void theConsoleShowsAnOpenInvoicesReasonAndOffersItsApprovalInTheQueueAndOnTheEventsPage() throws Exception {
        receiveSteel();
        String invoice = send("mfg.procurement.invoice.received", invoice("INV-C-" + u, "2.75"));
        awaitState(invoice, "EXCEPTION");
        String id = openException(invoice).get("id").asString();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(browser, operator);

        String queue = page(browser, "/console/exceptions?plant=" + plant + "&reason=THREE_WAY_MATCH_FAILED");
        String event = page(browser, "/console/events/" + invoice);

        assertThat(queue).contains("data-exception=\"" + id + "\"", ">THREE_WAY_MATCH_FAILED</span>",
                "/console/exceptions/" + id + "/approve");
        assertThat(event).contains(">THREE_WAY_MATCH_FAILED</span>", "class=\"pill bad\"",
                "/console/exceptions/" + id + "/retry", "/console/exceptions/" + id + "/approve",
                "/console/exceptions/" + id + "/discard");
    }

    @Test
    void anUnknownExceptionIdIsNotFound() {
        for (String action : List.of("retry", "approve", "discard")) {
            assertProblem(http.post("/api/v1/exceptions/" + UUID.randomUUID() + "/" + action, operator, null, null),
                    404);
        }
        assertProblem(http.post("/api/v1/exceptions/not-an-id/retry", operator, null, null), 404);
    }

    @Test
    void prometheusShowsEventsPostedAndThePostingLatency() throws Exception {
        awaitState(send("mfg.production.order.released", "{\"orderId\":\"MO-M-" + u + "\",\"item\":\"FG-" + u
                + "\",\"quantity\":5,\"uom\":\"ea\"}"), "POSTED");
        assertThat(http.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        // the meters are recorded once the transaction that made the event POSTED has committed
        HttpResponse<String> scraped = http.get("/actuator/prometheus", operator);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!scraped.body().contains("millrace_posting_latency_accepted_seconds_count{")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            scraped = http.get("/actuator/prometheus", operator);
        }
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("millrace_events_posted_total{", "plant=\"" + plant + "\"",
                "millrace_posting_latency_accepted_seconds_bucket{", "millrace_posting_latency_accepted_seconds_count{",
                "millrace_pipeline_backlog{");
    }

    private void receiveSteel() throws InterruptedException {
        awaitState(send("mfg.procurement.goods.received", "{\"receiptId\":\"GR-A-" + u + "-" + ids + "\","
                + "\"purchaseOrder\":\"" + po + "\",\"poLine\":10,\"item\":\"RM-A-" + u + "\",\"lot\":\"L-A-" + u + "-"
                + ids + "\",\"quantity\":100,\"uom\":\"kg\",\"location\":\"" + store + "\"}"), "POSTED");
    }

    /** An invoice of 10 kg of the PO's line 10 (PO price 2.00) at {@code price}. */
    private String invoice(String invoiceId, String price) {
        return "{\"invoiceId\":\"" + invoiceId + "\",\"supplier\":\"S-" + u + "\",\"currency\":\"EUR\",\"lines\":[{"
                + "\"purchaseOrder\":\"" + po + "\",\"poLine\":10,\"quantity\":10,\"unitPrice\":" + price + "}]}";
    }

    private void putMasterData(boolean withNewItem) {
        String items = "{\"code\":\"RM-A-" + u + "\",\"description\":\"Steel\",\"valuationClass\":\"RAW\",\"baseUom\":"
                + "\"kg\",\"standardCost\":2.00},{\"code\":\"FG-" + u + "\",\"description\":\"Bracket\","
                + "\"valuationClass\":\"FINISHED\",\"baseUom\":\"ea\",\"standardCost\":10.00}"
                + (withNewItem ? ",{\"code\":\"RM-B-" + u + "\",\"description\":\"Bolts\",\"valuationClass\":\"RAW\","
                + "\"baseUom\":\"kg\",\"standardCost\":3.00}" : "");
        String body = "{\"plants\":[{\"code\":\"" + plant + "\",\"name\":\"Test plant " + u + "\"}],"
                + "\"locations\":[{\"code\":\"" + store + "\",\"plant\":\"" + plant + "\",\"role\":\"STORE\"},"
                + "{\"code\":\"" + line + "\",\"plant\":\"" + plant + "\",\"role\":\"SUPPLY\"},"
                + "{\"code\":\"" + plant + "-FG\",\"plant\":\"" + plant + "\",\"role\":\"FG\"}],"
                + "\"items\":[" + items + "],"
                + "\"boms\":[{\"item\":\"FG-" + u + "\",\"components\":[{\"item\":\"RM-A-" + u + "\",\"quantityPer\":2}]}],"
                + "\"suppliers\":[{\"code\":\"S-" + u + "\",\"name\":\"Supplier " + u + "\"}],"
                + "\"purchaseOrders\":[{\"number\":\"" + po + "\",\"supplier\":\"S-" + u + "\",\"plant\":\"" + plant
                + "\",\"lines\":[{\"line\":10,\"item\":\"RM-A-" + u + "\",\"quantity\":1000,\"unitPrice\":2.00}"
                + (withNewItem ? ",{\"line\":30,\"item\":\"RM-B-" + u + "\",\"quantity\":100,\"unitPrice\":3.00}" : "")
                + "]}]}";
        HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    /** Sends one event as the producer; its tracking id. */
    private String send(String type, String data) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"x-" + u + "-" + (++ids) + "\",\"source\":\"urn:millrace:plant:"
                + plant + ":mes\",\"type\":\"" + type + "\",\"time\":\"" + TIME + "\",\"datacontenttype\":"
                + "\"application/json\",\"plant\":\"" + plant + "\",\"data\":" + data + "}";
        HttpResponse<String> r = http.post("/api/v1/events", producer, "application/cloudevents+json", event);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("receipts").get(0).get("trackingId").asString();
    }

    private String state(String trackingId) {
        HttpResponse<String> r = http.get("/api/v1/events/" + trackingId, operator);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("state").asString();
    }

    private void awaitState(String trackingId, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String now = state(trackingId);
        while (!now.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = state(trackingId);
        }
        assertThat(now).as("state of " + trackingId).isEqualTo(wanted);
    }

    private void awaitReason(String exceptionId, String reason) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String now = null;
        while (System.nanoTime() < deadline) {
            JsonNode item = byId("OPEN", exceptionId);
            now = item == null ? null : item.get("reason").asString();
            if (reason.equals(now)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(now).as("reason of exception " + exceptionId).isEqualTo(reason);
    }

    private JsonNode openException(String trackingId) {
        JsonNode item = find("OPEN", trackingId);
        assertThat(item).as("an open exception of " + trackingId).isNotNull();
        return item;
    }

    private JsonNode find(String status, String trackingId) {
        return first(status, i -> i.get("trackingId").asString().equals(trackingId));
    }

    private JsonNode byId(String status, String id) {
        return first(status, i -> i.get("id").asString().equals(id));
    }

    /** Pages through the queue (other tests share the hub). */
    private JsonNode first(String status, java.util.function.Predicate<JsonNode> wanted) {
        for (int offset = 0; ; offset += 500) {
            HttpResponse<String> r = http.get("/api/v1/exceptions?status=" + status + "&limit=500&offset=" + offset,
                    operator);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode items = json(r).get("items");
            for (JsonNode item : items) {
                if (wanted.test(item)) {
                    return item;
                }
            }
            if (items.size() < 500) {
                return null;
            }
        }
    }

    private void signIn(HttpClient browser, String key) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page(browser, "/console/sign-in"));
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/console/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                        + "&_csrf=" + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    }

    private String page(HttpClient browser, String path) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(r).get("status").asInt()).isEqualTo(status);
    }
}
