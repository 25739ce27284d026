package io.millrace.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.millrace.MillraceHub;
import io.millrace.erp.tryton.TrytonClient;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TrytonServer;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A hub with Tryton 6.0 as its ERP of record: reference data comes from Tryton, the order Tryton
 * releases starts production, the worked example sent by plant P100 ends with Tryton's balances
 * equal to Millrace's trial balance, and a closed Tryton period refuses a delivery until it is
 * reopened and an operator retries it.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.admin-key=" + TrytonErpIT.ADMIN_KEY,
                "millrace.erp.kind=tryton",
                "millrace.erp.user=admin",
                "millrace.erp.sync-interval=1h",
                "millrace.erp.retry.initial-backoff=100ms",
                "millrace.erp.retry.max-backoff=1s",
                "millrace.erp.circuit-breaker.open-duration=1s",
                "millrace.erp.mapping.location-roles[P100-LINE]=SUPPLY",
                "millrace.erp.mapping.location-roles[P100-FG]=FG"
        })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrytonErpIT {

    static final String ADMIN_KEY = "admin-key-for-erp-tests-0123456789";
    private static final String DATABASE = EmbeddedDatabases.fresh("erp-it");
    private static final List<String> ACCOUNTS = List.of("1200", "1400", "1420", "1450", "2000", "2100", "4000",
            "5000", "5100", "5200", "5300", "5500");

    private static TrytonServer tryton;
    private static TrytonClient client;
    private static String purchase;
    private static String sale;
    private static String production;

    @LocalServerPort
    int port;

    private HubHttp http;

    /** A plant's MES: a webhook subscriber of the orders the ERP released, recording what it is sent. */
    private static final List<JsonNode> MES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static com.sun.net.httpserver.HttpServer mes;

    @BeforeAll
    static void startTryton() throws java.io.IOException {
        mes = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        mes.createContext("/orders", exchange -> {
            MES.add(HubHttp.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        mes.start();
        tryton = TrytonServer.start();
        tryton.runScript("erp/tryton/worked_example.py", "--release");
        client = new TrytonClient(tryton.url(), "admin", TrytonServer.ADMIN_PASSWORD, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        purchase = number("purchase.purchase", "party.code", "S-ACME");
        sale = number("sale.sale", "party.code", "C-BETA");
        production = number("production", "product.code", "FG-BRACKET");
    }

    /** The number Tryton gave the only record of the model whose field has the value. */
    private static String number(String model, String field, String value) {
        return client.model(model, "search_read", List.of(List.of(field, "=", value)), 0, 1, null,
                List.of("number")).get(0).get("number").asString();
    }

    @AfterAll
    static void stopTryton() {
        if (mes != null) {
            mes.stop(0);
        }
        if (tryton != null) {
            tryton.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("millrace.erp.url", () -> tryton.url().toString());
        registry.add("millrace.erp.password", () -> TrytonServer.ADMIN_PASSWORD);
        registry.add("millrace.outbox.webhooks[0].name", () -> "mes");
        registry.add("millrace.outbox.webhooks[0].url", () -> "http://127.0.0.1:" + mes.getAddress().getPort()
                + "/orders");
        registry.add("millrace.outbox.webhooks[0].types", () -> "mfg.production.order.released");
    }

    @BeforeEach
    void connect() {
        http = new HubHttp(port);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = http.get(path, ADMIN_KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return HubHttp.json(response);
    }

    private String producer() {
        return http.issueKey(ADMIN_KEY, "{\"name\":\"mes-" + System.nanoTime() + "\",\"sources\":[\""
                + WorkedExampleEvents.SOURCE + "\"],\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");
    }

    @Test
    @Order(1)
    void referenceDataArrivesFromTrytonAndWhatCannotBeTakenIsReportedWithItsReason() {
        // the first synchronisation is over once the status says so (items arrive while it runs)
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/master-data/items/FG-BRACKET", ADMIN_KEY)
                .statusCode() == 200 && get("/api/v1/erp/status").get("connection").asString().equals("CONNECTED"));
        JsonNode steel = get("/api/v1/master-data/items/RM-STEEL");
        assertThat(steel.get("valuationClass").asString()).isEqualTo("RAW");
        assertThat(steel.get("baseUom").asString()).isEqualTo("kg");
        assertThat(steel.get("standardCost").decimalValue()).isEqualByComparingTo("2.00");
        JsonNode bracket = get("/api/v1/master-data/items/FG-BRACKET");
        assertThat(bracket.get("valuationClass").asString()).isEqualTo("FINISHED");
        assertThat(bracket.get("baseUom").asString()).isEqualTo("ea");
        JsonNode bom = get("/api/v1/master-data/boms/FG-BRACKET");
        assertThat(bom.get("components").toString()).contains("RM-STEEL").contains("RM-PAINT");
        JsonNode po = get("/api/v1/master-data/purchaseOrders/" + purchase);
        assertThat(po.get("supplier").asString()).isEqualTo("S-ACME");
        assertThat(po.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("2.10");
        assertThat(get("/api/v1/master-data/salesOrders/" + sale).get("customer").asString()).isEqualTo("C-BETA");
        assertThat(get("/api/v1/master-data/locations/P100-LINE").get("role").asString()).isEqualTo("SUPPLY");
        assertThat(get("/api/v1/master-data/plants/P100").get("name").asString()).isEqualTo("Main plant");
        assertThat(http.get("/api/v1/master-data/items/RM-BOLT", ADMIN_KEY).statusCode()).isEqualTo(404);
        JsonNode status = get("/api/v1/erp/status");
        assertThat(status.get("connection").asString()).isEqualTo("CONNECTED");
        assertThat(status.get("referenceRefusals").toString()).contains("RM-BOLT").contains("fixed cost price");
    }

    @Test
    @Order(2)
    void theOrderTrytonReleasedIsAcceptedAndPostedAsReleased() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/erp/status").get("recentReleases").size() > 0);
        JsonNode release = get("/api/v1/erp/status").get("recentReleases").get(0);
        assertThat(release.get("orderId").asString()).isEqualTo(production);
        String trackingId = release.get("trackingId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> "POSTED".equals(get("/api/v1/events/" + trackingId)
                .get("state").asString()));
        JsonNode event = get("/api/v1/events/" + trackingId).get("event");
        assertThat(event.get("source").asString()).isEqualTo("urn:millrace:erp:tryton:" + tryton.database());
        assertThat(event.get("type").asString()).isEqualTo("mfg.production.order.released");
        assertThat(event.get("data").get("quantity").decimalValue()).isEqualByComparingTo("200");

        // the plant's MES subscribed to the inbound type and is sent the released order
        await().atMost(Duration.ofSeconds(60)).until(() -> !MES.isEmpty());
        assertThat(MES).singleElement().satisfies(sent -> {
            assertThat(sent.get("type").asString()).isEqualTo("mfg.production.order.released");
            assertThat(sent.get("source").asString()).isEqualTo("urn:millrace:erp:tryton:" + tryton.database());
            assertThat(sent.get("subject").asString()).isEqualTo(production);
            assertThat(sent.get("plant").asString()).isEqualTo("P100");
            assertThat(sent.get("trackingid").asString()).isEqualTo(trackingId);
            assertThat(sent.get("data").get("orderId").asString()).isEqualTo(production);
            assertThat(sent.get("data").get("quantity").decimalValue()).isEqualByComparingTo("200");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/events/" + trackingId).get("lineage")
                .toString().contains("\"subscriber\":\"mes\",\"status\":\"DELIVERED\""));
    }

    @Test
    @Order(3)
    void theWorkedExampleEndsWithTrytonsBalancesEqualToTheTrialBalance() {
        HttpResponse<String> wc = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                ("{\"workCenters\":[{\"code\":\"WC-PRESS\",\"plant\":\"P100\",\"laborRate\":0.5,\"machineRate\":1.0,"
                        + "\"costCenter\":\"CC-PRESS\"}]}").getBytes());
        assertThat(wc.statusCode()).as(wc.body()).isEqualTo(200);
        HttpResponse<String> sent = http.post("/api/v1/events", producer(), "application/cloudevents-batch+json",
                WorkedExampleEvents.batch(WorkedExampleEvents.events("we", false, purchase, sale, production)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        awaitAllDelivered();
        JsonNode trialBalance = get("/api/v1/ledger/trial-balance?plant=P100");
        Map<String, BigDecimal> ours = new HashMap<>();
        trialBalance.get("accounts").forEach(a -> ours.put(a.get("account").asString(),
                a.get("debit").decimalValue().subtract(a.get("credit").decimalValue())));
        assertThat(ours.get("1400")).isEqualByComparingTo("1115.00");
        assertThat(ours.get("1200")).isEqualByComparingTo("3750.00");
        Map<String, BigDecimal> theirs = trytonBalances();
        for (String account : ACCOUNTS) {
            assertThat(theirs.get(account)).as("account " + account)
                    .isEqualByComparingTo(ours.getOrDefault(account, BigDecimal.ZERO));
        }
        JsonNode reconciliation = get("/api/v1/erp/reconciliation?period=2026-11&plant=P100");
        assertThat(reconciliation.get("reconciled").asBoolean()).as(reconciliation.toString()).isTrue();
        assertThat(reconciliation.get("totalDifference").decimalValue()).isEqualByComparingTo("0");
        JsonNode all = get("/api/v1/erp/reconciliation");
        assertThat(all.get("reconciled").asBoolean()).as(all.toString()).isTrue();
        JsonNode journal = get("/api/v1/ledger/journal?plant=P100&limit=1");
        String trackingId = journal.get("entries").get(0).get("trackingId").asString();
        String lineage = get("/api/v1/events/" + trackingId).get("lineage").toString();
        assertThat(lineage).contains("ERP_DELIVERY").contains("DELIVERED").contains("is move");
    }

    @Test
    @Order(4)
    void aClosedTrytonPeriodRefusesTheDeliveryUntilReopenedAndRetriedWhileOthersGoThrough() {
        TrytonTestData.period(client, YearMonth.of(2026, 10), "close");
        String key = producer();
        String october = WorkedExampleEvents.event("count-oct", "mfg.inventory.count.adjusted", "CNT-1",
                java.time.Instant.parse("2026-10-20T10:00:00Z"), "{\"countId\":\"CNT-1\",\"item\":\"RM-STEEL\","
                        + "\"lot\":\"L-ST-1\",\"location\":\"P100-RM\",\"countedQuantity\":399,\"uom\":\"kg\"}");
        String november = WorkedExampleEvents.event("count-nov", "mfg.inventory.count.adjusted", "CNT-2",
                java.time.Instant.parse("2026-11-20T10:00:00Z"), "{\"countId\":\"CNT-2\",\"item\":\"RM-STEEL\","
                        + "\"lot\":\"L-ST-1\",\"location\":\"P100-RM\",\"countedQuantity\":398,\"uom\":\"kg\"}");
        HttpResponse<String> first = http.post("/api/v1/events", key, "application/cloudevents+json", october);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String octoberTracking = HubHttp.json(first).get("receipts").get(0).get("trackingId").asString();
        HttpResponse<String> second = http.post("/api/v1/events", key, "application/cloudevents+json", november);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> get("/api/v1/erp/deliveries?state=REFUSED").size() == 1
                && get("/api/v1/erp/status").get("delivery").get("pending").asLong() == 0);
        JsonNode refused = get("/api/v1/erp/deliveries?state=REFUSED").get(0);
        assertThat(refused.get("trackingId").asString()).isEqualTo(octoberTracking);
        assertThat(refused.get("lastError").asString()).contains("closed");
        assertThat(get("/api/v1/events/" + octoberTracking).get("lineage").toString()).contains("ERP_DELIVERY")
                .contains("REFUSED");
        JsonNode reconciliation = get("/api/v1/erp/reconciliation?period=2026-10");
        assertThat(reconciliation.get("reconciled").asBoolean()).isFalse();
        assertThat(reconciliation.get("undeliveredEntries").asLong()).isEqualTo(1);

        // the refusal is shown with the events' exceptions, with Tryton's message
        JsonNode exception = erpException("OPEN");
        assertThat(exception.get("trackingId").asString()).isEqualTo(octoberTracking);
        assertThat(exception.get("subscriber").asString()).isEqualTo("erp:tryton:" + tryton.database());
        assertThat(exception.get("message").asString()).contains("closed");
        String exceptionId = exception.get("id").asString();
        assertThat(http.post("/api/v1/exceptions/" + exceptionId + "/approve", ADMIN_KEY, null, null).statusCode())
                .isEqualTo(409);

        TrytonTestData.period(client, YearMonth.of(2026, 10), "reopen");
        String entryId = refused.get("entryId").asString();
        HttpResponse<String> retry = http.post("/api/v1/exceptions/" + exceptionId + "/retry", ADMIN_KEY, null, null);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(HubHttp.json(retry).get("decidedBy").asString()).isNotBlank();
        awaitAllDelivered();
        assertThat(erpException("RESOLVED").get("id").asString()).isEqualTo(exceptionId);
        assertThat(get("/api/v1/exceptions?status=OPEN").get("items").toString()).doesNotContain(exceptionId);
        assertThat(get("/api/v1/events/" + octoberTracking).get("lineage").toString()).contains("DELIVERED")
                .contains("is move");
        HttpResponse<String> again = http.post("/api/v1/erp/deliveries/" + entryId + "/retry", ADMIN_KEY, null, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(TrytonTestData.moves(client, entryId)).isEqualTo(1);
        assertThat(get("/api/v1/erp/reconciliation").get("reconciled").asBoolean()).isTrue();
        assertThat(get("/api/v1/erp/reconciliation?period=2026-10").get("reconciled").asBoolean()).isTrue();
    }

    /** The one ERP delivery exception with the status. */
    private JsonNode erpException(String status) {
        List<JsonNode> found = new ArrayList<>();
        get("/api/v1/exceptions?status=" + status).get("items").forEach(item -> {
            if ("ERP_REFUSED".equals(item.get("reason").asString())) {
                found.add(item);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private void awaitAllDelivered() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode backlog = get("/api/v1/pipeline/backlog");
            JsonNode delivery = get("/api/v1/erp/status").get("delivery");
            return backlog.get("pending").asLong() == 0 && backlog.get("parked").asLong() == 0
                    && delivery.get("pending").asLong() == 0 && delivery.get("refused").asLong() == 0
                    && delivery.get("delivered").asLong() == journalEntries();
        });
    }

    private long journalEntries() {
        long count = 0;
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/ledger/journal?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            count += page.get("entries").size();
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString(null);
        } while (cursor != null);
        return count;
    }

    private static Map<String, BigDecimal> trytonBalances() {
        return new io.millrace.erp.tryton.TrytonErp(client, "STO", ReferenceMapping.defaults())
                .balances(ACCOUNTS, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    }

    static List<String> codes(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(n -> codes.add(n.asString()));
        return codes;
    }
}
