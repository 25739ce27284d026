package io.millrace.security;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.MillraceHub;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.HubHttp;
import io.millrace.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Walks the OWASP API Security Top 10 (2023) against a running hub with its default protections
 * (including the throttling of failed authentications): for each risk, what was tried and what
 * the hub answered, printed and asserted.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"millrace.admin-key=" + OwaspApiTop10IT.ADMIN_KEY, "millrace.pipeline.park-window=2s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwaspApiTop10IT {

    static final String ADMIN_KEY = "owasp-admin-key-0123456789abcdef-0123456789";
    private static final String DATABASE = EmbeddedDatabases.fresh("owasp-it");
    private static final String CE = "application/cloudevents+json";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    private HubHttp http;

    @BeforeEach
    void connect() throws IOException {
        http = new HubHttp(port);
        if (http.get("/api/v1/master-data/plants/P200", ADMIN_KEY).statusCode() == 404) {
            try (InputStream in = getClass().getResourceAsStream("/demo/master-data.json")) {
                HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                        in.readAllBytes());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            }
        }
    }

    private static void report(String risk, String tried, HttpResponse<String> answer) {
        report(risk, tried, answer.statusCode() + " " + abbreviate(answer.body()));
    }

    private static void report(String risk, String tried, String answered) {
        System.out.println("[OWASP " + risk + "] tried: " + tried + "\n    answered: " + answered);
    }

    private static String abbreviate(String body) {
        return body.length() > 240 ? body.substring(0, 240) + "..." : body;
    }

    private String producer(String plant, String source) {
        return http.issueKey(ADMIN_KEY, "{\"name\":\"" + plant + "\",\"sources\":[\"" + source + "\"],\"plants\":[\""
                + plant + "\"],\"eventTypes\":[\"*\"]}");
    }

    private static String event(String source, String plant, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source + "\",\"type\":\""
                + type + "\",\"time\":\"2026-11-26T08:15:00Z\",\"plant\":\"" + plant + "\",\"data\":" + data + "}";
    }

    @Test
    @Order(1)
    void api1BrokenObjectLevelAuthorization() {
        String p100 = producer("P100", "urn:millrace:plant:P100:mes");
        String p200 = producer("P200", "urn:millrace:plant:P200:mes");
        HttpResponse<String> sent = http.post("/api/v1/events", p100, CE, event("urn:millrace:plant:P100:mes", "P100",
                "mfg.production.order.released", "{\"orderId\":\"MO-OW\",\"item\":\"FG-BRACKET\",\"quantity\":1,\"uom\":\"ea\"}"));
        String trackingId = json(sent).get("receipts").get(0).get("trackingId").asString();

        HttpResponse<String> other = http.get("/api/v1/events/" + trackingId, p200);
        HttpResponse<String> own = http.get("/api/v1/events/" + trackingId, p100);

        report("API1:2023", "a P200 producer reads the event of a P100 producer by its tracking id", other);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(own.statusCode()).isEqualTo(200);
        HttpResponse<String> foreignPlant = http.post("/api/v1/events", p200, CE, event("urn:millrace:plant:P200:mes",
                "P100", "mfg.production.order.released", "{\"orderId\":\"MO-X\",\"item\":\"FG-BRACKET\",\"quantity\":1,"
                        + "\"uom\":\"ea\"}"));
        report("API1:2023", "a P200 producer posts an event into plant P100", foreignPlant);
        assertThat(foreignPlant.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void api2BrokenAuthentication() {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"soon revoked\",\"role\":\"auditor\"}");
        String keyId = json(http.get("/api/v1/sources", ADMIN_KEY)).get("keys").valueStream()
                .filter(k -> k.get("name").asString().equals("soon revoked")).findFirst().orElseThrow()
                .get("keyId").asString();
        http.post("/api/v1/sources/" + keyId + "/revoke", ADMIN_KEY, null, null);

        HttpResponse<String> none = http.get("/api/v1/pipeline/backlog", null);
        HttpResponse<String> revoked = http.get("/api/v1/pipeline/backlog", auditor);
        report("API2:2023", "no key", none);
        report("API2:2023", "a revoked key", revoked);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(revoked.statusCode()).isEqualTo(401);

        RawHttp.Response last = null;
        int refusedBefore429 = 0;
        for (int i = 0; i < 25; i++) {
            last = RawHttp.send("127.0.0.2", port, "GET", "/api/v1/pipeline/backlog", "mr_guess-" + i);
            if (last.status() == 429) {
                break;
            }
            refusedBefore429++;
        }
        report("API2:2023", "guessing keys from 127.0.0.2, one request after another",
                refusedBefore429 + " answered 401, then " + last.status() + " Retry-After " + last.header("Retry-After"));
        assertThat(refusedBefore429).isEqualTo(20);
        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        RawHttp.Response rightKeyStillBlocked = RawHttp.send("127.0.0.2", port, "GET", "/api/v1/pipeline/backlog",
                ADMIN_KEY);
        assertThat(rightKeyStillBlocked.status()).isEqualTo(429);
        assertThat(http.get("/api/v1/pipeline/backlog", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void api3BrokenObjectPropertyLevelAuthorization() {
        HttpResponse<String> massAssignment = http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"x\",\"role\":\"auditor\",\"keyHash\":\"00\",\"keyId\":\"k-0000000000000001\"}");
        report("API3:2023", "a key request that sets keyHash and keyId itself", massAssignment);
        assertThat(massAssignment.statusCode()).isEqualTo(400);
        HttpResponse<String> listed = http.get("/api/v1/sources", ADMIN_KEY);
        report("API3:2023", "list the keys and look for hashes", listed.statusCode() + ", no keyHash member: "
                + !listed.body().contains("keyHash"));
        assertThat(listed.body()).doesNotContain("keyHash").doesNotContain("key_hash");
        HttpResponse<String> actorOverride = http.post("/api/v1/events", producer("P100", "urn:a"), CE,
                event("urn:a", "P100", "mfg.production.order.released", "{\"orderId\":\"MO-A\",\"item\":\"FG-BRACKET\","
                        + "\"quantity\":1,\"uom\":\"ea\",\"actor\":\"key:admin\"}"));
        report("API3:2023", "a producer sets an actor inside the event data", actorOverride);
        assertThat(actorOverride.statusCode()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void api4UnrestrictedResourceConsumption() {
        String producer = producer("P100", "urn:r");
        HttpResponse<String> huge = http.send("POST", "/api/v1/events", producer, CE,
                ("{\"x\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        report("API4:2023", "a 5 MB event", huge);
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> exponent = http.send("PUT", "/api/v1/master-data/items", ADMIN_KEY, "application/json",
                ("[{\"code\":\"EXP\",\"description\":\"x\",\"valuationClass\":\"RAW\",\"baseUom\":\"kg\","
                        + "\"standardCost\":1e-1000000000}]").getBytes(StandardCharsets.UTF_8));
        report("API4:2023", "a cost of 1e-1000000000 (a billion digits written out)", exponent);
        assertThat(exponent.statusCode()).isEqualTo(400);
        assertThat(exponent.body().length()).isLessThan(2000);
        HttpResponse<String> page = http.get("/api/v1/ledger/journal?limit=100000000", ADMIN_KEY);
        report("API4:2023", "a journal page of 100,000,000 entries", page);
        assertThat(page.statusCode()).isEqualTo(400);
        String slow = http.issueKey(ADMIN_KEY, "{\"name\":\"slow\",\"role\":\"auditor\",\"ratePerSecond\":1}");
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            limited += http.get("/api/v1/pipeline/backlog", slow).statusCode() == 429 ? 1 : 0;
        }
        report("API4:2023", "10 requests at once with a key allowed 1 per second", limited + " answered 429");
        assertThat(limited).isPositive();
    }

    @Test
    @Order(5)
    void api5BrokenFunctionLevelAuthorization() {
        String producer = producer("P100", "urn:f");
        String operator = http.issueKey(ADMIN_KEY, "{\"name\":\"op\",\"role\":\"operator\"}");
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"au\",\"role\":\"auditor\"}");
        HttpResponse<String> issue = http.post("/api/v1/sources", producer, "application/json",
                "{\"name\":\"me\",\"role\":\"admin\"}");
        HttpResponse<String> close = http.post("/api/v1/ledger/periods/2026-01/close", auditor, null, null);
        HttpResponse<String> audit = http.get("/api/v1/audit", operator);
        HttpResponse<String> masterData = http.send("PUT", "/api/v1/master-data", operator, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        report("API5:2023", "a producer issues itself an admin key", issue);
        report("API5:2023", "an auditor closes a period", close);
        report("API5:2023", "an operator reads the audit log", audit);
        report("API5:2023", "an operator changes master data", masterData);
        assertThat(java.util.List.of(issue, close, audit, masterData)).allSatisfy(r -> assertThat(r.statusCode())
                .isEqualTo(403));
    }

    @Test
    @Order(6)
    void api6UnrestrictedAccessToSensitiveBusinessFlows() throws Exception {
        String p200 = producer("P200", "urn:millrace:plant:P200:erp");
        HttpResponse<String> transfer = http.post("/api/v1/events", p200, CE, event("urn:millrace:plant:P200:erp",
                "P200", "mfg.inventory.stock.transferred", "{\"transferId\":\"T-OW\",\"item\":\"RM-ALU\",\"lot\":\"L\","
                        + "\"quantity\":1,\"uom\":\"kg\",\"fromLocation\":\"P200-RM\",\"toLocation\":\"P100-RM\","
                        + "\"toPlant\":\"P100\"}"));
        report("API6:2023", "a P200 producer moves stock into P100's books", transfer);
        assertThat(transfer.statusCode()).isEqualTo(403);

        HttpResponse<String> invoice = http.post("/api/v1/events", p200, CE, event("urn:millrace:plant:P200:erp",
                "P200", "mfg.procurement.invoice.received", "{\"invoiceId\":\"INV-OW\",\"supplier\":\"S-ACME\","
                        + "\"currency\":\"EUR\",\"lines\":[{\"purchaseOrder\":\"4500001\",\"poLine\":10,\"quantity\":1,"
                        + "\"unitPrice\":2.10}]}"));
        assertThat(invoice.statusCode()).as(invoice.body()).isEqualTo(202);
        String trackingId = json(invoice).get("receipts").get(0).get("trackingId").asString();
        String state = awaitDecided(trackingId, p200);
        String journal = http.get("/api/v1/ledger/journal?trackingId=" + trackingId, ADMIN_KEY).body();
        String reason = json(http.get("/api/v1/exceptions?status=OPEN&limit=500", ADMIN_KEY)).get("items")
                .valueStream().filter(e -> e.get("trackingId").asString().equals(trackingId))
                .map(e -> e.get("reason").asString()).findFirst().orElse("none");
        report("API6:2023", "a P200 producer invoices a purchase order of P100 (into P100's payables)",
                "accepted for processing, then " + state + " with reason " + reason + "; journal " + journal);
        assertThat(state).isEqualTo("EXCEPTION");
        assertThat(reason).isEqualTo("REFERENCE_MISMATCH");
        assertThat(HubHttp.JSON.readTree(journal).get("entries")).isEmpty();
    }

    private String awaitDecided(String trackingId, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String state = "PENDING";
        while (System.nanoTime() < deadline) {
            state = json(http.get("/api/v1/events/" + trackingId, key)).get("state").asString();
            if (state.equals("POSTED") || state.equals("EXCEPTION")) {
                return state;
            }
            Thread.sleep(50);
        }
        return state;
    }

    @Test
    @Order(7)
    void api7ServerSideRequestForgery() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(1000);
            String producer = producer("P100", "urn:s");
            String target = "http://127.0.0.1:" + listener.getLocalPort() + "/schema.json";
            HttpResponse<String> r = http.post("/api/v1/events", producer, CE, event("urn:s", "P100",
                    "mfg.production.order.released", "{\"orderId\":\"MO-S\",\"item\":\"FG-BRACKET\",\"quantity\":1,"
                            + "\"uom\":\"ea\"}").replace("\"data\":", "\"dataschema\":\"" + target + "\",\"data\":"));
            boolean called;
            try (var ignored = listener.accept()) {
                called = true;
            } catch (SocketTimeoutException ex) {
                called = false;
            }
            report("API7:2023", "an event whose dataschema points at an internal address", r.statusCode() + " "
                    + abbreviate(r.body()) + "; the address was contacted: " + called);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(called).isFalse();
        }
    }

    @Test
    @Order(8)
    void api8SecurityMisconfiguration() {
        HttpResponse<String> env = http.get("/actuator/env", ADMIN_KEY);
        HttpResponse<String> trace = http.send("TRACE", "/api/v1/pipeline/backlog", ADMIN_KEY, null, null);
        HttpResponse<String> cors = http.send("OPTIONS", "/api/v1/pipeline/backlog", null, null, null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "GET");
        HttpResponse<String> error = http.get("/api/v1/exceptions?limit=x", ADMIN_KEY);
        report("API8:2023", "read /actuator/env with the admin key", env);
        report("API8:2023", "TRACE", trace);
        report("API8:2023", "a CORS preflight from another origin", cors.statusCode() + ", Access-Control-Allow-Origin: "
                + cors.headers().firstValue("Access-Control-Allow-Origin").orElse("(none)"));
        report("API8:2023", "look for stack traces and headers", "CSP " + error.headers()
                .firstValue("Content-Security-Policy").orElse("(none)") + ", X-Frame-Options " + error.headers()
                .firstValue("X-Frame-Options").orElse("(none)") + ", body " + abbreviate(error.body()));
        assertThat(env.statusCode()).isEqualTo(404);
        assertThat(trace.statusCode()).isIn(403, 405);
        assertThat(cors.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).doesNotContain("Exception").doesNotContain("at io.millrace");
        assertThat(error.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(error.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(error.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'none'"));
    }

    @Test
    @Order(9)
    void api9ImproperInventoryManagement() {
        HttpResponse<String> v0 = http.get("/api/v0/events", ADMIN_KEY);
        HttpResponse<String> v2 = http.get("/api/v2/ledger/journal", ADMIN_KEY);
        HttpResponse<String> heap = http.get("/actuator/heapdump", ADMIN_KEY);
        report("API9:2023", "an older or newer API version", v0.statusCode() + " / " + v2.statusCode());
        report("API9:2023", "an undocumented actuator endpoint (heap dump)", heap);
        assertThat(v0.statusCode()).isEqualTo(404);
        assertThat(v2.statusCode()).isEqualTo(404);
        assertThat(heap.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void api10UnsafeConsumptionOfApis() {
        String producer = producer("P100", "urn:u");
        HttpResponse<String> injected = http.post("/api/v1/events", producer, CE, event("urn:u", "P100",
                "mfg.production.order.released", "{\"orderId\":\"MO-1'; DROP TABLE event_log;--\",\"item\":\"FG-BRACKET\","
                        + "\"quantity\":1e400,\"uom\":\"ea\",\"__proto__\":{}}"));
        report("API10:2023", "an upstream system's event with SQL in an id, a number beyond range and extra members",
                injected);
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(injected.body()).contains("/data/quantity");
        assertThat(http.get("/api/v1/pipeline/backlog", ADMIN_KEY).statusCode()).isEqualTo(200);
    }
}
