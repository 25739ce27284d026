package io.millrace.web;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bad input of every kind at every endpoint of a running hub: each is answered with a precise 4xx
 * problem (status, type, and the pointer of the offending field where there is one), never a 5xx,
 * and changes nothing that is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT extends HubIntegrationTest {

    enum As { NONE, WRONG, PRODUCER, AUDITOR, OPERATOR, ADMIN }

    /** One kind of bad input and the answer it must get. */
    record Case(String name, String method, String path, As as, String contentType, String body, int status,
                String type, String pointer, String[] headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String CE = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private static final String SRC = "urn:millrace:plant:P100:mes";
    private static final String NO_EXCEPTION = "/api/v1/exceptions/0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String NO_KEY = "/api/v1/sources/k-0000000000000000";

    private final Map<As, String> keys = new LinkedHashMap<>();

    @Autowired
    JdbcTemplate jdbc;

    private static Case c(String name, String method, String path, As as, String contentType, String body, int status,
                          String type, String pointer, String... headers) {
        return new Case(name, method, path, as, contentType, body, status, type, pointer, headers);
    }

    /** A valid order-released event with one member replaced (or removed, when value is null). */
    private static String event(String member, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("specversion", "\"1.0\"");
        m.put("id", "\"bad-" + java.util.UUID.randomUUID() + "\"");
        m.put("source", "\"" + SRC + "\"");
        m.put("type", "\"mfg.production.order.released\"");
        m.put("time", "\"2026-11-26T08:15:00Z\"");
        m.put("plant", "\"P100\"");
        m.put("subject", "\"MO-1\"");
        m.put("data", "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":200,\"uom\":\"ea\"}");
        if (value == null) {
            m.remove(member);
        } else {
            m.put(member, value);
        }
        StringBuilder out = new StringBuilder("{");
        m.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    private static String data(String data) {
        return event("data", data);
    }

    private static String item(String member, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("code", "\"BAD-ITEM\"");
        m.put("description", "\"x\"");
        m.put("valuationClass", "\"RAW\"");
        m.put("baseUom", "\"kg\"");
        m.put("standardCost", "1.50");
        if (value == null) {
            m.remove(member);
        } else {
            m.put(member, value);
        }
        StringBuilder out = new StringBuilder("{\"items\":[{");
        m.forEach((k, v) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ",").append('"').append(k)
                .append("\":").append(v));
        return out.append("}]}").toString();
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        // authentication and roles
        all.add(c("no key", "GET", "/api/v1/pipeline/backlog", As.NONE, null, null, 401, "unauthorized", null));
        all.add(c("unknown key", "GET", "/api/v1/ledger/trial-balance", As.WRONG, null, null, 401, "unauthorized", null));
        all.add(c("basic auth instead of bearer", "GET", "/api/v1/catalog", As.NONE, null, null, 401, "unauthorized",
                null, "Authorization", "Basic YWRtaW46YWRtaW4="));
        all.add(c("empty bearer", "GET", "/api/v1/catalog", As.NONE, null, null, 401, "unauthorized", null,
                "Authorization", "Bearer    "));
        all.add(c("no key for prometheus", "GET", "/actuator/prometheus", As.NONE, null, null, 401, "unauthorized", null));
        all.add(c("no key for an event", "POST", "/api/v1/events", As.NONE, CE, event("id", "\"x\""), 401,
                "unauthorized", null));
        all.add(c("producer reads the ledger", "GET", "/api/v1/ledger/journal", As.PRODUCER, null, null, 403,
                "forbidden", null));
        all.add(c("producer reads master data", "GET", "/api/v1/master-data", As.PRODUCER, null, null, 403,
                "forbidden", null));
        all.add(c("producer writes master data", "PUT", "/api/v1/master-data", As.PRODUCER, JSON, item("code",
                "\"P-ITEM\""), 403, "forbidden", null));
        all.add(c("producer issues a key", "POST", "/api/v1/sources", As.PRODUCER, JSON, "{\"name\":\"x\",\"role\":"
                + "\"admin\"}", 403, "forbidden", null));
        all.add(c("producer lists keys", "GET", "/api/v1/sources", As.PRODUCER, null, null, 403, "forbidden", null));
        all.add(c("producer reads the audit log", "GET", "/api/v1/audit", As.PRODUCER, null, null, 403, "forbidden",
                null));
        all.add(c("producer closes a period", "POST", "/api/v1/ledger/periods/2026-01/close", As.PRODUCER, null, null,
                403, "forbidden", null));
        all.add(c("producer discards an exception", "POST", NO_EXCEPTION + "/discard", As.PRODUCER, null, null, 403,
                "forbidden", null));
        all.add(c("auditor sends an event", "POST", "/api/v1/events", As.AUDITOR, CE, event("id", "\"a-1\""), 403,
                "forbidden", null));
        all.add(c("auditor writes master data", "PUT", "/api/v1/master-data/items", As.AUDITOR, JSON, "[]", 403,
                "forbidden", null));
        all.add(c("auditor retries an exception", "POST", NO_EXCEPTION + "/retry", As.AUDITOR, null, null, 403,
                "forbidden", null));
        all.add(c("auditor revokes a key", "POST", NO_KEY + "/revoke", As.AUDITOR, null, null, 403, "forbidden", null));
        all.add(c("auditor rotates a key", "POST", NO_KEY + "/rotate", As.AUDITOR, null, null, 403, "forbidden", null));
        all.add(c("operator issues a key", "POST", "/api/v1/sources", As.OPERATOR, JSON, "{\"name\":\"x\"}", 403,
                "forbidden", null));
        all.add(c("operator lists keys", "GET", "/api/v1/sources", As.OPERATOR, null, null, 403, "forbidden", null));
        all.add(c("operator reads the audit log", "GET", "/api/v1/audit", As.OPERATOR, null, null, 403, "forbidden",
                null));
        all.add(c("operator verifies the audit log", "GET", "/api/v1/audit/verify", As.OPERATOR, null, null, 403,
                "forbidden", null));
        all.add(c("operator writes master data", "PUT", "/api/v1/master-data", As.OPERATOR, JSON, "{}", 403,
                "forbidden", null));
        // routing
        all.add(c("unknown path", "GET", "/api/v1/nothing-here", As.ADMIN, null, null, 404, "not-found", null));
        all.add(c("DELETE on events", "DELETE", "/api/v1/events", As.ADMIN, null, null, 405, "method-not-allowed", null));
        all.add(c("POST on the audit log", "POST", "/api/v1/audit", As.ADMIN, JSON, "{}", 405, "method-not-allowed", null));
        all.add(c("PUT on the trial balance", "PUT", "/api/v1/ledger/trial-balance", As.ADMIN, JSON, "{}", 405,
                "method-not-allowed", null));
        all.add(c("DELETE on master data", "DELETE", "/api/v1/master-data/items/RM-STEEL", As.ADMIN, null, null, 405,
                "method-not-allowed", null));
        // events: transport
        all.add(c("event as text/plain", "POST", "/api/v1/events", As.PRODUCER, "text/plain", event("id", "\"t\""), 415,
                null, null));
        all.add(c("event without content type", "POST", "/api/v1/events", As.PRODUCER, null, event("id", "\"t\""), 415,
                null, null));
        all.add(c("event as xml", "POST", "/api/v1/events", As.PRODUCER, "application/xml", "<event/>", 415, null, null));
        all.add(c("event body not json", "POST", "/api/v1/events", As.PRODUCER, CE, "{not json", 400, null, null));
        all.add(c("event body empty", "POST", "/api/v1/events", As.PRODUCER, CE, "", 400, null, null));
        all.add(c("event body an array in structured mode", "POST", "/api/v1/events", As.PRODUCER, CE, "[]", 400, null,
                null));
        all.add(c("event body a number", "POST", "/api/v1/events", As.PRODUCER, CE, "42", 400, null, null));
        all.add(c("event with trailing garbage", "POST", "/api/v1/events", As.PRODUCER, CE, event("id", "\"tg\"") + "x",
                400, null, null));
        all.add(c("event over the size limit", "POST", "/api/v1/events", As.PRODUCER, CE,
                event("subject", "\"" + "s".repeat(20_000) + "\""), 413, null, null));
        // events: envelope
        all.add(c("event without id", "POST", "/api/v1/events", As.PRODUCER, CE, event("id", null), 400, "validation", "/id"));
        all.add(c("event with empty id", "POST", "/api/v1/events", As.PRODUCER, CE, event("id", "\"\""), 400, "validation", "/id"));
        all.add(c("event with numeric id", "POST", "/api/v1/events", As.PRODUCER, CE, event("id", "7"), 400, "validation", "/id"));
        all.add(c("event id with NUL", "POST", "/api/v1/events", As.PRODUCER, CE, event("id", "\"a\\u0000b\""), 400,
                "validation", "/id"));
        all.add(c("event id with a line break", "POST", "/api/v1/events", As.PRODUCER, CE, event("id", "\"a\\nb\""), 400,
                "validation", "/id"));
        all.add(c("event id of 5000 characters", "POST", "/api/v1/events", As.PRODUCER, CE,
                event("id", "\"" + "i".repeat(5000) + "\""), 400, "validation", "/id"));
        all.add(c("source with a tab", "POST", "/api/v1/events", As.PRODUCER, CE, event("source", "\"urn:a\\tb\""), 400,
                "validation", "/source"));
        all.add(c("subject with ESC", "POST", "/api/v1/events", As.PRODUCER, CE, event("subject", "\"MO\\u001b[31m\""),
                400, "validation", "/subject"));
        all.add(c("event without specversion", "POST", "/api/v1/events", As.PRODUCER, CE, event("specversion", null),
                400, "validation", "/specversion"));
        all.add(c("specversion 0.3", "POST", "/api/v1/events", As.PRODUCER, CE, event("specversion", "\"0.3\""), 400,
                "validation", "/specversion"));
        all.add(c("event without source", "POST", "/api/v1/events", As.PRODUCER, CE, event("source", null), 400,
                "validation", "/source"));
        all.add(c("event without type", "POST", "/api/v1/events", As.PRODUCER, CE, event("type", null), 400,
                "validation", "/type"));
        all.add(c("unknown event type", "POST", "/api/v1/events", As.PRODUCER, CE, event("type", "\"mfg.nothing\""), 400,
                "validation", "/type"));
        all.add(c("event without time", "POST", "/api/v1/events", As.PRODUCER, CE, event("time", null), 400,
                "validation", "/time"));
        all.add(c("time without zone", "POST", "/api/v1/events", As.PRODUCER, CE, event("time", "\"2026-11-26T08:15:00\""),
                400, "validation", "/time"));
        all.add(c("time not a date", "POST", "/api/v1/events", As.PRODUCER, CE, event("time", "\"yesterday\""), 400,
                "validation", "/time"));
        all.add(c("time a number", "POST", "/api/v1/events", As.PRODUCER, CE, event("time", "1764144900"), 400,
                "validation", "/time"));
        all.add(c("event without plant", "POST", "/api/v1/events", As.PRODUCER, CE, event("plant", null), 400,
                "validation", "/plant"));
        all.add(c("plant with a space", "POST", "/api/v1/events", As.PRODUCER, CE, event("plant", "\"P 100\""), 400,
                "validation", "/plant"));
        all.add(c("event without data", "POST", "/api/v1/events", As.PRODUCER, CE, event("data", null), 400,
                "validation", "/data"));
        all.add(c("data a string", "POST", "/api/v1/events", As.PRODUCER, CE, event("data", "\"x\""), 400,
                "validation", "/data"));
        all.add(c("datacontenttype xml", "POST", "/api/v1/events", As.PRODUCER, CE,
                event("datacontenttype", "\"application/xml\""), 400, "validation", "/datacontenttype"));
        all.add(c("extension name with capitals", "POST", "/api/v1/events", As.PRODUCER, CE, event("Plant2", "\"x\""),
                400, "validation", "/Plant2"));
        all.add(c("extension an object", "POST", "/api/v1/events", As.PRODUCER, CE, event("shift", "{\"a\":1}"), 400,
                "validation", "/shift"));
        all.add(c("extension with a NUL", "POST", "/api/v1/events", As.PRODUCER, CE, event("shift", "\"a\\u0000\""), 400,
                "validation", "/shift"));
        // events: data
        all.add(c("data without orderId", "POST", "/api/v1/events", As.PRODUCER, CE,
                data("{\"item\":\"FG-BRACKET\",\"quantity\":200,\"uom\":\"ea\"}"), 400, "validation", "/data/orderId"));
        all.add(c("quantity a string", "POST", "/api/v1/events", As.PRODUCER, CE,
                data("{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":\"200\",\"uom\":\"ea\"}"), 400,
                "validation", "/data/quantity"));
        all.add(c("quantity negative", "POST", "/api/v1/events", As.PRODUCER, CE,
                data("{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":-1,\"uom\":\"ea\"}"), 400,
                "validation", "/data/quantity"));
        all.add(c("quantity with a huge exponent", "POST", "/api/v1/events", As.PRODUCER, CE,
                data("{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":1e-1000000000,\"uom\":\"ea\"}"), 400,
                "validation", "/data/quantity"));
        all.add(c("quantity with a huge positive exponent", "POST", "/api/v1/events", As.PRODUCER, CE,
                data("{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":1e999999999,\"uom\":\"ea\"}"), 400,
                "validation", "/data/quantity"));
        all.add(c("unknown data member", "POST", "/api/v1/events", As.PRODUCER, CE,
                data("{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":1,\"uom\":\"ea\",\"colour\":\"red\"}"),
                400, "validation", "/data/colour"));
        // events: scope
        all.add(c("plant outside the key", "POST", "/api/v1/events", As.PRODUCER, CE, event("plant", "\"P200\""), 403,
                null, "/plant"));
        all.add(c("source outside the key", "POST", "/api/v1/events", As.PRODUCER, CE,
                event("source", "\"urn:millrace:plant:P100:wms\""), 403, null, "/source"));
        all.add(c("transfer into a plant outside the key", "POST", "/api/v1/events", As.PRODUCER, CE,
                event("type", "\"mfg.inventory.stock.transferred\"").replace(
                        "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":200,\"uom\":\"ea\"}",
                        "{\"transferId\":\"T-1\",\"item\":\"RM-STEEL\",\"lot\":\"L\",\"quantity\":1,\"uom\":\"kg\","
                                + "\"fromLocation\":\"P100-RM\",\"toLocation\":\"P200-RM\",\"toPlant\":\"P200\"}"),
                403, null, "/data/toPlant"));
        // events: batches and binary mode
        all.add(c("empty batch", "POST", "/api/v1/events", As.PRODUCER, BATCH, "[]", 400, null, null));
        all.add(c("batch an object", "POST", "/api/v1/events", As.PRODUCER, BATCH, event("id", "\"b\""), 400, null, null));
        all.add(c("batch with one bad event", "POST", "/api/v1/events", As.PRODUCER, BATCH,
                "[" + event("id", "\"b-ok\"") + "," + event("time", "\"never\"") + "]", 400, "validation", "/time"));
        all.add(c("batch over the event limit", "POST", "/api/v1/events", As.PRODUCER, BATCH,
                "[" + String.join(",", java.util.Collections.nCopies(51, event("id", "\"same\""))) + "]", 413, null, null));
        all.add(c("binary mode without ce-id", "POST", "/api/v1/events", As.PRODUCER, JSON,
                "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":1,\"uom\":\"ea\"}", 400, "validation", "/id",
                "ce-specversion", "1.0", "ce-source", SRC, "ce-type", "mfg.production.order.released",
                "ce-time", "2026-11-26T08:15:00Z", "ce-plant", "P100"));
        all.add(c("binary mode with a bad ce-time", "POST", "/api/v1/events", As.PRODUCER, JSON,
                "{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"quantity\":1,\"uom\":\"ea\"}", 400, "validation", "/time",
                "ce-specversion", "1.0", "ce-id", "bin-1", "ce-source", SRC, "ce-type", "mfg.production.order.released",
                "ce-time", "soon", "ce-plant", "P100"));
        // events: reads
        all.add(c("unknown tracking id", "GET", "/api/v1/events/0f8fad5b-d9cb-469f-a165-70867728950e", As.ADMIN, null,
                null, 404, "not-found", null));
        all.add(c("tracking id not a uuid", "GET", "/api/v1/events/not-a-uuid", As.ADMIN, null, null, 404, "not-found",
                null));
        // catalog
        all.add(c("unknown catalog type", "GET", "/api/v1/catalog/mfg.nothing", As.PRODUCER, null, null, 404,
                "not-found", null));
        // keys
        all.add(c("key request not json", "POST", "/api/v1/sources", As.ADMIN, JSON, "{\"name\":", 400, null, null));
        all.add(c("key request an array", "POST", "/api/v1/sources", As.ADMIN, JSON, "[]", 400, "validation", ""));
        all.add(c("key request without name", "POST", "/api/v1/sources", As.ADMIN, JSON, "{\"role\":\"auditor\"}", 400,
                "validation", "/name"));
        all.add(c("key name with a NUL", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"a\\u0000\",\"role\":\"auditor\"}", 400, "validation", "/name"));
        all.add(c("key with an unknown role", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"role\":\"root\"}", 400, "validation", "/role"));
        all.add(c("producer key without scope", "POST", "/api/v1/sources", As.ADMIN, JSON, "{\"name\":\"x\"}", 400,
                "validation", "/sources"));
        all.add(c("key with rate 0", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"role\":\"auditor\",\"ratePerSecond\":0}", 400, "validation", "/ratePerSecond"));
        all.add(c("key with a rate of 1e-1000000000", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"role\":\"auditor\",\"ratePerSecond\":1e-1000000000}", 400, "validation",
                "/ratePerSecond"));
        all.add(c("key with an unknown member", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"role\":\"auditor\",\"isAdmin\":true}", 400, "validation", "/isAdmin"));
        all.add(c("key expiring in the past", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"role\":\"auditor\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", 400, "validation",
                "/expiresAt"));
        all.add(c("key expiring at no time", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"role\":\"auditor\",\"expiresAt\":\"tomorrow\"}", 400, "validation", "/expiresAt"));
        all.add(c("key scoped to an unknown type", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"x\",\"sources\":[\"*\"],\"plants\":[\"*\"],\"eventTypes\":[\"mfg.none\"]}", 400,
                "validation", "/eventTypes/0"));
        all.add(c("key request over 64 KB", "POST", "/api/v1/sources", As.ADMIN, JSON,
                "{\"name\":\"" + "n".repeat(70_000) + "\"}", 413, null, null));
        all.add(c("revoke an unknown key", "POST", NO_KEY + "/revoke", As.ADMIN, null, null, 404, "not-found", null));
        all.add(c("revoke a malformed key id", "POST", "/api/v1/sources/';DROP TABLE x;--/revoke".replace(" ", "%20"),
                As.ADMIN, null, null, 404, "not-found", null));
        all.add(c("rotate an unknown key", "POST", NO_KEY + "/rotate", As.ADMIN, null, null, 404, "not-found", null));
        all.add(c("read an unknown key", "GET", NO_KEY, As.ADMIN, null, null, 404, "not-found", null));
        // master data
        all.add(c("master data empty body", "PUT", "/api/v1/master-data", As.ADMIN, JSON, "", 400, null, null));
        all.add(c("master data not json", "PUT", "/api/v1/master-data", As.ADMIN, JSON, "{\"items\":[", 400, null, null));
        all.add(c("master data with a duplicate member", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                "{\"items\":[],\"items\":[]}", 400, null, null));
        all.add(c("master data as xml", "PUT", "/api/v1/master-data", As.ADMIN, "application/xml", "<items/>", 415,
                null, null));
        all.add(c("master data of an unknown kind", "PUT", "/api/v1/master-data", As.ADMIN, JSON, "{\"widgets\":[]}",
                400, "validation", "/widgets"));
        all.add(c("item without code", "PUT", "/api/v1/master-data", As.ADMIN, JSON, item("code", null), 400,
                "validation", "/items/0/code"));
        all.add(c("item code with a space", "PUT", "/api/v1/master-data", As.ADMIN, JSON, item("code", "\"BAD ITEM\""),
                400, "validation", "/items/0/code"));
        all.add(c("item code with a NUL", "PUT", "/api/v1/master-data", As.ADMIN, JSON, item("code", "\"B\\u0000\""),
                400, "validation", "/items/0/code"));
        all.add(c("item with an unknown valuation class", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                item("valuationClass", "\"GOLD\""), 400, "validation", "/items/0/valuationClass"));
        all.add(c("item cost negative", "PUT", "/api/v1/master-data", As.ADMIN, JSON, item("standardCost", "-1"), 400,
                "validation", "/items/0/standardCost"));
        all.add(c("item cost a string", "PUT", "/api/v1/master-data", As.ADMIN, JSON, item("standardCost", "\"1.5\""),
                400, "validation", "/items/0/standardCost"));
        all.add(c("item cost with 5 decimals", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                item("standardCost", "1.00001"), 400, "validation", "/items/0/standardCost"));
        all.add(c("item cost 1e-1000000000", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                item("standardCost", "1e-1000000000"), 400, "validation", "/items/0/standardCost"));
        all.add(c("item cost 1e+1000000000", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                item("standardCost", "1e+1000000000"), 400, "validation", "/items/0/standardCost"));
        all.add(c("item cost of 30 digits", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                item("standardCost", "123456789012345678901234567890"), 400, "validation", "/items/0/standardCost"));
        all.add(c("location of an unknown plant", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                "{\"locations\":[{\"code\":\"BAD-LOC\",\"plant\":\"P999\",\"role\":\"STORE\"}]}", 400, "validation",
                "/locations/0/plant"));
        all.add(c("purchase order line 0", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                "{\"purchaseOrders\":[{\"number\":\"BAD-PO\",\"supplier\":\"S-ACME\",\"plant\":\"P100\",\"lines\":"
                        + "[{\"line\":0,\"item\":\"RM-STEEL\",\"quantity\":1,\"unitPrice\":1}]}]}", 400, "validation",
                "/purchaseOrders/0/lines/0/line"));
        all.add(c("master data kind unknown in the path", "PUT", "/api/v1/master-data/widgets", As.ADMIN, JSON, "[]",
                404, "not-found", null));
        all.add(c("master data kind body not an array", "PUT", "/api/v1/master-data/items", As.ADMIN, JSON, "{}", 400,
                "validation", "/items"));
        all.add(c("csv with an unknown column", "PUT", "/api/v1/master-data/items", As.ADMIN, CSV,
                "code,colour\nX,red\n", 400, "validation", null));
        all.add(c("csv empty", "PUT", "/api/v1/master-data/items", As.ADMIN, CSV, "", 400, null, null));
        all.add(c("csv cost with a huge exponent", "PUT", "/api/v1/master-data/items", As.ADMIN, CSV,
                "code,description,valuationClass,baseUom,standardCost\nBAD-CSV,x,RAW,kg,1e-999999999\n", 400,
                "validation", null));
        all.add(c("master data over the size limit", "PUT", "/api/v1/master-data", As.ADMIN, JSON,
                "{\"items\":[]," + "\"x\":\"" + "p".repeat(4 * 1024 * 1024) + "\"}", 413, null, null));
        all.add(c("unknown item", "GET", "/api/v1/master-data/items/NO-SUCH-ITEM", As.AUDITOR, null, null, 404,
                "not-found", null));
        all.add(c("unknown kind to read", "GET", "/api/v1/master-data/widgets", As.AUDITOR, null, null, 404,
                "not-found", null));
        // ledger
        all.add(c("trial balance for month 13", "GET", "/api/v1/ledger/trial-balance?period=2026-13", As.AUDITOR, null,
                null, 400, "validation", "period"));
        all.add(c("trial balance for a plant with a quote", "GET", "/api/v1/ledger/trial-balance?plant=P1'00",
                As.AUDITOR, null, null, 400, "validation", "plant"));
        all.add(c("journal cursor garbage", "GET", "/api/v1/ledger/journal?cursor=abc", As.AUDITOR, null, null, 400,
                "validation", "cursor"));
        all.add(c("journal cursor negative", "GET", "/api/v1/ledger/journal?cursor=-5", As.AUDITOR, null, null, 400,
                "validation", "cursor"));
        all.add(c("journal cursor of 40 digits", "GET", "/api/v1/ledger/journal?cursor=" + "9".repeat(40), As.AUDITOR,
                null, null, 400, "validation", "cursor"));
        all.add(c("journal limit 0", "GET", "/api/v1/ledger/journal?limit=0", As.AUDITOR, null, null, 400,
                "validation", "limit"));
        all.add(c("journal limit too big", "GET", "/api/v1/ledger/journal?limit=100000", As.AUDITOR, null, null, 400,
                "validation", "limit"));
        all.add(c("journal tracking id with a space", "GET", "/api/v1/ledger/journal?trackingId=a%20b", As.AUDITOR,
                null, null, 400, "validation", "trackingId"));
        all.add(c("journal account with a NUL", "GET", "/api/v1/ledger/journal?account=14%0000", As.AUDITOR, null,
                null, 400, "validation", "account"));
        all.add(c("reconciliation for a plant of 65 characters", "GET",
                "/api/v1/ledger/reconciliation?plant=" + "P".repeat(65), As.AUDITOR, null, null, 400, "validation",
                "plant"));
        all.add(c("inventory for a location with a space", "GET", "/api/v1/inventory?location=P100%20RM", As.AUDITOR,
                null, null, 400, "validation", null));
        all.add(c("close a period written 2026-1", "POST", "/api/v1/ledger/periods/2026-1/close", As.ADMIN, null, null,
                400, "validation", "period"));
        all.add(c("close report for period 0000-00", "GET", "/api/v1/ledger/periods/0000-00/close-report", As.AUDITOR,
                null, null, 400, "validation", "period"));
        // exceptions
        all.add(c("exceptions with an unknown status", "GET", "/api/v1/exceptions?status=LOST", As.OPERATOR, null, null,
                400, null, null));
        all.add(c("exceptions offset negative", "GET", "/api/v1/exceptions?offset=-1", As.OPERATOR, null, null, 400,
                null, null));
        all.add(c("exceptions limit 501", "GET", "/api/v1/exceptions?limit=501", As.OPERATOR, null, null, 400, null,
                null));
        all.add(c("retry an unknown exception", "POST", NO_EXCEPTION + "/retry", As.OPERATOR, null, null, 404,
                "not-found", null));
        all.add(c("approve a malformed exception id", "POST", "/api/v1/exceptions/123/approve", As.OPERATOR, null, null,
                404, "not-found", null));
        // audit
        all.add(c("audit from not a time", "GET", "/api/v1/audit?from=last-week", As.AUDITOR, null, null, 400,
                "validation", "from"));
        all.add(c("audit to without zone", "GET", "/api/v1/audit?to=2026-11-26T00:00:00", As.AUDITOR, null, null, 400,
                "validation", "to"));
        all.add(c("audit limit 0", "GET", "/api/v1/audit?limit=0", As.AUDITOR, null, null, 400, "validation", "limit"));
        all.add(c("audit cursor garbage", "GET", "/api/v1/audit?cursor=xyz", As.AUDITOR, null, null, 400, "validation",
                "cursor"));
        all.add(c("audit actor with a line break", "GET", "/api/v1/audit?actor=key%0Ak-1", As.AUDITOR, null, null, 400,
                "validation", "actor"));
        all.add(c("audit subject of 600 characters", "GET", "/api/v1/audit?subject=" + "s".repeat(600), As.AUDITOR,
                null, null, 400, "validation", "subject"));
        return all.stream();
    }

    @org.junit.jupiter.api.BeforeAll
    void issueKeys() {
        keys.put(As.WRONG, "mr_this-key-was-never-issued-0123456789");
        keys.put(As.PRODUCER, producerKeyFor());
        keys.put(As.AUDITOR, http().issueKey(ADMIN_KEY, "{\"name\":\"bad-input auditor\",\"role\":\"auditor\"}"));
        keys.put(As.OPERATOR, http().issueKey(ADMIN_KEY, "{\"name\":\"bad-input operator\",\"role\":\"operator\"}"));
        keys.put(As.ADMIN, ADMIN_KEY);
    }

    private io.millrace.testing.HubHttp http() {
        return new io.millrace.testing.HubHttp(port);
    }

    private String producerKeyFor() {
        return http().issueKey(ADMIN_KEY, "{\"name\":\"bad-input producer\",\"sources\":[\"" + SRC + "\"],"
                + "\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");
    }

    /** Everything a bad request could change, counted. */
    private Map<String, Object> stored() {
        Map<String, Object> state = new LinkedHashMap<>();
        // what the pipeline posts meanwhile for earlier tests is not the request's doing, so only what
        // requests write is compared
        for (String table : List.of("event_log", "api_credential", "audit_record", "ledger_closed_period", "md_item",
                "md_location", "md_purchase_order")) {
            state.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        state.put("master-data", jdbc.queryForList("SELECT * FROM master_data_version"));
        return state;
    }

    @Test
    void thereAreAtLeastAHundredKinds() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(100);
        assertThat(cases().map(Case::name).distinct().count()).isEqualTo(cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAPrecise4xxProblemAndChangesNothing(Case c) {
        Map<String, Object> before = stored();
        String key = c.as() == As.NONE ? null : keys.get(c.as());

        HttpResponse<String> r = http.send(c.method(), c.path(), key, c.contentType(),
                c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8), c.headers());

        assertThat(r.statusCode()).as(c.name() + ": " + abbreviate(r.body())).isEqualTo(c.status());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c.name())
                .startsWith("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("SQL");
        assertThat(r.body().length()).as("a problem names the offending value at most abbreviated").isLessThan(8_000);
        if (c.type() != null) {
            assertThat(problem.get("type").asString()).isEqualTo("urn:millrace:problem:" + c.type());
        }
        if (c.pointer() != null) {
            List<String> pointers = new ArrayList<>();
            problem.path("errors").forEach(e -> pointers.add(e.get("pointer").asString()));
            assertThat(pointers).as(c.name() + ": " + abbreviate(r.body())).contains(c.pointer());
        }
        assertThat(stored()).as(c.name() + " changed nothing").isEqualTo(before);
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }
}
