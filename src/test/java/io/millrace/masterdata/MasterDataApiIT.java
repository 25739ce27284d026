package io.millrace.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.millrace.MillraceHub;
import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.testing.EmbeddedDatabases;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The master-data HTTP API: upsert rules, pointers, idempotency, atomicity, CSV, roles. */
@SpringBootTest(classes = MillraceHub.class, properties = {
        "millrace.master-data.poll-interval-ms=3600000"})
@AutoConfigureMockMvc(addFilters = false) // roles are set as the API-key filter would set them
@RecordApplicationEvents
@Import(MasterDataApiIT.Stock.class)
class MasterDataApiIT {

    static final Set<String> ITEMS_WITH_STOCK = ConcurrentHashMap.newKeySet();
    private static final String DATABASE = EmbeddedDatabases.fresh("masterdata-it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @TestConfiguration
    static class Stock {
        /** Primary over the ledger's own stock presence, so that the test decides which items have stock. */
        @Bean
        @Primary
        StockPresence testStockPresence() {
            return ITEMS_WITH_STOCK::contains;
        }
    }

    static final String BASE = """
            {"plants": [{"code": "P100", "name": "Main plant"}],
             "locations": [{"code": "P100-RM", "plant": "P100", "role": "STORE"}],
             "items": [{"code": "RM-STEEL", "description": "Steel sheet", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 2.00},
                       {"code": "FG-BRACKET", "description": "Bracket", "valuationClass": "FINISHED", "baseUom": "ea", "standardCost": 11.00}],
             "boms": [{"item": "FG-BRACKET", "components": [{"item": "RM-STEEL", "quantityPer": 3}]}],
             "workCenters": [{"code": "WC-PRESS", "plant": "P100", "laborRate": 0.50, "machineRate": 1.00, "costCenter": "CC-PRESS"}],
             "suppliers": [{"code": "S-ACME", "name": "Acme Steel"}],
             "purchaseOrders": [{"number": "4500001", "supplier": "S-ACME", "plant": "P100",
                                 "lines": [{"line": 10, "item": "RM-STEEL", "quantity": 1000, "unitPrice": 2.10}]}],
             "customers": [{"code": "C-BETA", "name": "Beta Machines"}],
             "salesOrders": [{"number": "7000001", "customer": "C-BETA", "plant": "P100",
                              "lines": [{"line": 10, "item": "FG-BRACKET", "quantity": 300, "unitPrice": 25.00}]}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CachedMasterData cache;
    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void emptyMasterData() {
        for (String table : List.of("md_sales_order_line", "md_sales_order", "md_purchase_order_line",
                "md_purchase_order", "md_bom_component", "md_bom", "md_work_center", "md_location", "md_item",
                "md_plant", "md_supplier", "md_customer")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE master_data_version SET version = version + 1");
        cache.reload();
        ITEMS_WITH_STOCK.clear();
    }

    @Test
    void createsEveryKindAndAnswersCountsPerKindPresent() throws Exception {
        JsonNode body = ok(putJson(BASE, Role.ADMIN));

        assertThat(body.propertyNames()).containsExactly("plants", "locations", "items", "boms", "workCenters",
                "suppliers", "purchaseOrders", "customers", "salesOrders");
        assertThat(body.get("items").toString()).isEqualTo("{\"created\":2,\"updated\":0,\"unchanged\":0}");
        String stored = mvc.perform(get("/api/v1/master-data/items/RM-STEEL").requestAttr(Caller.ATTRIBUTE, caller(Role.AUDITOR)))
                .andReturn().getResponse().getContentAsString();
        assertThat(stored).isEqualTo("{\"code\":\"RM-STEEL\",\"description\":\"Steel sheet\",\"valuationClass\":\"RAW\","
                + "\"baseUom\":\"kg\",\"standardCost\":2.00}");
        assertThat(events.stream(MasterDataChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.codes(MasterDataKind.ITEMS)).containsExactlyInAnyOrder("RM-STEEL", "FG-BRACKET"));
    }

    @Test
    void secondIdenticalPutLeavesEverythingUnchanged() throws Exception {
        ok(putJson(BASE, Role.ADMIN));
        events.clear();

        JsonNode body = ok(putJson(BASE, Role.ADMIN));

        for (JsonNode counts : body) {
            assertThat(counts.get("created").intValue()).isZero();
            assertThat(counts.get("updated").intValue()).isZero();
            assertThat(counts.get("unchanged").intValue()).isPositive();
        }
        assertThat(events.stream(MasterDataChanged.class)).isEmpty();
    }

    @Test
    void changedRecordIsCountedAsUpdated() throws Exception {
        ok(putJson(BASE, Role.ADMIN));

        JsonNode body = ok(putJson("""
                {"items": [{"code": "RM-STEEL", "description": "Steel sheet", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 2.2},
                           {"code": "FG-BRACKET", "description": "Bracket", "valuationClass": "FINISHED", "baseUom": "ea", "standardCost": 11}]}""",
                Role.ADMIN));

        assertThat(body.get("items").toString()).isEqualTo("{\"created\":0,\"updated\":1,\"unchanged\":1}");
        assertThat(cache.item("RM-STEEL").orElseThrow().standardCost()).isEqualByComparingTo("2.2");
    }

    /** References of a record are checked once its own fields are right (see the next test). */
    @Test
    void listsEveryFieldErrorWithItsPointer() throws Exception {
        MvcResult result = putJson("""
                {"plants": [{"code": "P 100"}, {"code": "%s"}, {"name": "no code"}],
                 "locations": [{"code": "L1", "plant": "P100", "role": "DOCK"}],
                 "items": [{"code": "A", "valuationClass": "RAWISH", "baseUom": "kg", "standardCost": -1},
                           {"code": "B", "valuationClass": "RAW", "baseUom": "", "standardCost": 1.23456},
                           {"code": "C", "valuationClass": "RAW", "baseUom": "kilograms-per-unit", "standardCost": "2.00"},
                           {"code": "D", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1, "colour": "red"}],
                 "boms": [{"item": "A", "components": [{"item": "B", "quantityPer": 0}]},
                          {"item": "C", "components": []}],
                 "workCenters": [{"code": "W", "plant": "P100", "laborRate": 0.12345, "machineRate": -0.5, "costCenter": "CC"}],
                 "purchaseOrders": [{"number": "PO", "supplier": "S", "plant": "P100",
                     "lines": [{"line": 0, "item": "A", "quantity": 1.0000001, "unitPrice": 1},
                               {"line": 1.5, "item": "A", "quantity": -2, "unitPrice": 1}]}],
                 "salesOrders": [{"number": "SO", "customer": "C", "plant": "P100", "lines": [{"line": 1, "item": "A", "quantity": 0}]}],
                 "warehouses": []}""".formatted("X".repeat(65)), Role.ADMIN);

        assertThat(pointers(problem(result))).containsExactlyInAnyOrder(
                "/plants/0/code", "/plants/1/code", "/plants/2/code",
                "/locations/0/role",
                "/items/0/valuationClass", "/items/0/standardCost", "/items/1/baseUom", "/items/1/standardCost",
                "/items/2/baseUom", "/items/2/standardCost", "/items/3/colour",
                "/boms/0/components/0/quantityPer", "/boms/1/components",
                "/workCenters/0/laborRate", "/workCenters/0/machineRate",
                "/purchaseOrders/0/lines/0/line", "/purchaseOrders/0/lines/0/quantity",
                "/purchaseOrders/0/lines/1/line", "/purchaseOrders/0/lines/1/quantity",
                "/salesOrders/0/lines/0/quantity", "/salesOrders/0/lines/0/unitPrice",
                "/warehouses");
        assertThat(message(problem(result), "/items/1/standardCost")).isEqualTo("must have at most 4 decimals, not 1.23456");
        assertThat(message(problem(result), "/locations/0/role"))
                .isEqualTo("must be one of STORE, SUPPLY, FG, QUALITY, SHIPPING, not 'DOCK'");
        assertThat(message(problem(result), "/purchaseOrders/0/lines/0/quantity"))
                .isEqualTo("must have at most 6 decimals, not 1.0000001");
        assertThat(problem(result).get("type").stringValue()).isEqualTo("urn:millrace:problem:validation");
    }

    @Test
    void everyReferenceMustExistInTheRequestOrStored() throws Exception {
        MvcResult result = putJson("""
                {"plants": [{"code": "P100"}],
                 "items": [{"code": "A", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1}],
                 "locations": [{"code": "L1", "plant": "P999", "role": "STORE"}],
                 "boms": [{"item": "FG-X", "components": [{"item": "A", "quantityPer": 1}, {"item": "RM-X", "quantityPer": 1}]}],
                 "workCenters": [{"code": "W", "plant": "P999", "laborRate": 1, "machineRate": 1, "costCenter": "CC"}],
                 "purchaseOrders": [{"number": "PO", "supplier": "S-X", "plant": "P999",
                     "lines": [{"line": 10, "item": "A", "quantity": 1, "unitPrice": 1}, {"line": 20, "item": "B", "quantity": 1, "unitPrice": 1}]}],
                 "salesOrders": [{"number": "SO", "customer": "C-X", "plant": "P100",
                     "lines": [{"line": 10, "item": "Z", "quantity": 1, "unitPrice": 1}]}]}""", Role.ADMIN);

        JsonNode problem = problem(result);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/locations/0/plant", "/boms/0/item",
                "/boms/0/components/1/item", "/workCenters/0/plant", "/purchaseOrders/0/supplier",
                "/purchaseOrders/0/plant", "/purchaseOrders/0/lines/1/item", "/salesOrders/0/customer",
                "/salesOrders/0/lines/0/item");
        assertThat(message(problem, "/purchaseOrders/0/supplier"))
                .isEqualTo("unknown supplier 'S-X': it is neither in this request nor stored");
    }

    @Test
    void referencesToStoredMasterDataAreAccepted() throws Exception {
        ok(putJson(BASE, Role.ADMIN));

        JsonNode body = ok(putJson("""
                {"purchaseOrders": [{"number": "4500009", "supplier": "S-ACME", "plant": "P100",
                    "lines": [{"line": 10, "item": "RM-STEEL", "quantity": 5, "unitPrice": 2}]}],
                 "locations": [{"code": "P100-FG", "plant": "P100", "role": "FG"}]}""", Role.ADMIN));

        assertThat(body.propertyNames()).containsExactly("locations", "purchaseOrders");
        assertThat(cache.purchaseOrder("4500009")).isPresent();
    }

    @Test
    void rejectsDuplicateCodesLineNumbersAndComponents() throws Exception {
        MvcResult result = putJson("""
                {"plants": [{"code": "P100"}, {"code": "P100"}],
                 "items": [{"code": "A", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1},
                           {"code": "F", "valuationClass": "FINISHED", "baseUom": "ea", "standardCost": 1}],
                 "boms": [{"item": "F", "components": [{"item": "A", "quantityPer": 1}, {"item": "A", "quantityPer": 2}]}],
                 "suppliers": [{"code": "S"}],
                 "purchaseOrders": [{"number": "PO", "supplier": "S", "plant": "P100",
                     "lines": [{"line": 10, "item": "A", "quantity": 1, "unitPrice": 1}, {"line": 10, "item": "A", "quantity": 2, "unitPrice": 1}]},
                                    {"number": "PO", "supplier": "S", "plant": "P100",
                     "lines": [{"line": 10, "item": "A", "quantity": 1, "unitPrice": 1}]}]}""", Role.ADMIN);

        JsonNode problem = problem(result);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/plants/1/code", "/boms/0/components/1/item",
                "/purchaseOrders/1/number", "/purchaseOrders/0/lines/1/line");
        assertThat(message(problem, "/plants/1/code"))
                .isEqualTo("'P100' appears more than once in the request (first at /plants/0)");
    }

    @Test
    void rejectsABomThatContainsItself() throws Exception {
        MvcResult result = putJson("""
                {"items": [{"code": "A", "valuationClass": "SEMI", "baseUom": "ea", "standardCost": 1}],
                 "boms": [{"item": "A", "components": [{"item": "A", "quantityPer": 1}]}]}""", Role.ADMIN);

        assertThat(pointers(problem(result))).containsExactly("/boms/0/components/0/item");
        assertThat(message(problem(result), "/boms/0/components/0/item"))
                .isEqualTo("component 'A' makes the bill of material cyclic: A → A");
    }

    @Test
    void rejectsABomCycleThroughAStoredBom() throws Exception {
        ok(putJson("""
                {"items": [{"code": "A", "valuationClass": "FINISHED", "baseUom": "ea", "standardCost": 1},
                           {"code": "B", "valuationClass": "SEMI", "baseUom": "ea", "standardCost": 1},
                           {"code": "C", "valuationClass": "SEMI", "baseUom": "ea", "standardCost": 1}],
                 "boms": [{"item": "A", "components": [{"item": "B", "quantityPer": 1}]},
                          {"item": "B", "components": [{"item": "C", "quantityPer": 1}]}]}""", Role.ADMIN));

        MvcResult result = putJson("""
                {"boms": [{"item": "C", "components": [{"item": "A", "quantityPer": 2}]}]}""", Role.ADMIN);

        assertThat(pointers(problem(result))).containsExactly("/boms/0/components/0/item");
        assertThat(message(problem(result), "/boms/0/components/0/item"))
                .isEqualTo("component 'A' makes the bill of material cyclic: C → A → B → C");
        assertThat(cache.bom("C")).isEmpty();
    }

    @Test
    void oneBadItemStoresNothingOfTheRequest() throws Exception {
        MvcResult result = putJson("""
                {"plants": [{"code": "P100"}],
                 "items": [{"code": "A", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1},
                           {"code": "B", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1},
                           {"code": "C", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1},
                           {"code": "D", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1.00001}]}""", Role.ADMIN);

        assertThat(pointers(problem(result))).containsExactly("/items/3/standardCost");
        assertThat(problem(result).get("detail").stringValue()).isEqualTo("The master data has 1 error; nothing was stored.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM md_item", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM md_plant", Integer.class)).isZero();
        assertThat(cache.plant("P100")).isEmpty();
    }

    @Test
    void refusesToChangeTheValuationClassOfAnItemWithStock() throws Exception {
        ok(putJson(BASE, Role.ADMIN));
        ITEMS_WITH_STOCK.add("RM-STEEL");

        MvcResult result = putJson("""
                {"items": [{"code": "RM-STEEL", "description": "Steel", "valuationClass": "SEMI", "baseUom": "kg", "standardCost": 2.0},
                           {"code": "FG-BRACKET", "description": "Bracket", "valuationClass": "FINISHED", "baseUom": "ea", "standardCost": 12}]}""",
                Role.ADMIN);

        assertThat(pointers(problem(result))).containsExactly("/items/0/valuationClass");
        assertThat(message(problem(result), "/items/0/valuationClass")).startsWith(
                "cannot change the valuation class of RM-STEEL from RAW to SEMI while item RM-STEEL has stock");
        assertThat(cache.item("FG-BRACKET").orElseThrow().standardCost()).isEqualByComparingTo("11");

        JsonNode body = ok(putJson("""
                {"items": [{"code": "RM-STEEL", "description": "Steel, renamed", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 2.000}]}""",
                Role.ADMIN));
        assertThat(body.get("items").get("updated").intValue()).isEqualTo(1);
    }

    @Test
    void importsCsvThroughTheSameRules() throws Exception {
        ok(putJson("{\"plants\": [{\"code\": \"P100\"}], \"suppliers\": [{\"code\": \"S-ACME\"}]}", Role.ADMIN));
        ok(putCsv("items", """
                code,description,valuationClass,baseUom,standardCost
                RM-STEEL,Steel sheet,RAW,kg,2.00
                RM-PAINT,"Paint, blue",RAW,l,5
                """, Role.ADMIN));

        JsonNode body = ok(putCsv("purchaseOrders", """
                number,supplier,plant,line,item,quantity,unitPrice
                4500001,S-ACME,P100,10,RM-STEEL,1000,2.10
                4500001,S-ACME,P100,20,RM-PAINT,100,4.80
                """, Role.ADMIN));

        assertThat(body.get("purchaseOrders").toString()).isEqualTo("{\"created\":1,\"updated\":0,\"unchanged\":0}");
        String order = mvc.perform(get("/api/v1/master-data/purchaseOrders/4500001")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.OPERATOR))).andReturn().getResponse().getContentAsString();
        assertThat(order).isEqualTo("{\"number\":\"4500001\",\"supplier\":\"S-ACME\",\"plant\":\"P100\",\"lines\":["
                + "{\"line\":10,\"item\":\"RM-STEEL\",\"quantity\":1000,\"unitPrice\":2.10},"
                + "{\"line\":20,\"item\":\"RM-PAINT\",\"quantity\":100,\"unitPrice\":4.80}]}");
    }

    @Test
    void csvImportWithABadRowNamesTheRowAndLineAndStoresNothing() throws Exception {
        ok(putJson("{\"plants\": [{\"code\": \"P100\"}]}", Role.ADMIN));

        MvcResult result = putCsv("items", """
                code,description,valuationClass,baseUom,standardCost
                RM-STEEL,Steel sheet,RAW,kg,2.00
                RM-PAINT,Paint,RAW,l,five
                RM-ALU,Aluminium,METAL,kg,3
                """, Role.ADMIN);

        JsonNode problem = problem(result);
        assertThat(pointers(problem)).containsExactly("/items/1/standardCost", "/items/2/valuationClass");
        assertThat(message(problem, "/items/1/standardCost")).isEqualTo("must be a number, not 'five' (CSV line 3)");
        assertThat(message(problem, "/items/2/valuationClass")).endsWith("(CSV line 4)");
        assertThat(cache.item("RM-STEEL")).isEmpty();
    }

    @Test
    void putOfOneKindTakesAJsonArray() throws Exception {
        JsonNode body = ok(mvc.perform(put("/api/v1/master-data/plants").contentType("application/json")
                .content("[{\"code\": \"P100\"}, {\"code\": \"P200\", \"name\": \"Second\"}]")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.ADMIN))).andReturn());

        assertThat(body.get("plants").get("created").intValue()).isEqualTo(2);
    }

    @Test
    void readsAllKindsOneKindAndOneRecord() throws Exception {
        ok(putJson(BASE, Role.ADMIN));

        JsonNode all = Submissions.JSON.readTree(mvc.perform(get("/api/v1/master-data")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.AUDITOR))).andReturn().getResponse().getContentAsString());
        assertThat(all.propertyNames()).hasSize(9);
        assertThat(all.get("boms").get(0).get("components").get(0).get("quantityPer").decimalValue()).isEqualByComparingTo("3");

        MvcResult kind = mvc.perform(get("/api/v1/master-data/locations")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.AUDITOR))).andReturn();
        assertThat(kind.getResponse().getContentAsString())
                .isEqualTo("{\"locations\":[{\"code\":\"P100-RM\",\"plant\":\"P100\",\"role\":\"STORE\"}]}");

        MvcResult missing = mvc.perform(get("/api/v1/master-data/items/NOPE")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.AUDITOR))).andReturn();
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(missing.getResponse().getContentAsString()).contains("There is no item 'NOPE'.");
        MvcResult noKind = mvc.perform(get("/api/v1/master-data/warehouses")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.AUDITOR))).andReturn();
        assertThat(noKind.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void onlyAdminsChangeMasterDataAndProducersDoNotReadIt() throws Exception {
        for (Role role : List.of(Role.PRODUCER, Role.AUDITOR, Role.OPERATOR)) {
            MvcResult result = putJson(BASE, role);
            assertThat(result.getResponse().getStatus()).as(role.name()).isEqualTo(403);
            assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        }
        assertThat(putCsv("plants", "code\nP1\n", Role.OPERATOR).getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/api/v1/master-data").requestAttr(Caller.ATTRIBUTE, caller(Role.PRODUCER)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(put("/api/v1/master-data").contentType("application/json").content(BASE))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(cache.plant("P100")).isEmpty();
    }

    @Test
    void malformedBodiesAreBadRequestsNeverServerErrors() throws Exception {
        for (String body : List.of("{\"plants\": [", "[]", "{\"plants\": 5}", "{\"plants\": [1]}",
                "{\"plants\": [], \"plants\": []}", "", "{} {}")) {
            MvcResult result = putJson(body, Role.ADMIN);
            assertThat(result.getResponse().getStatus()).as(body).isEqualTo(400);
            assertThat(result.getResponse().getContentType()).as(body).isEqualTo("application/problem+json");
        }
        assertThat(mvc.perform(put("/api/v1/master-data").contentType("text/plain").content("x")
                .requestAttr(Caller.ATTRIBUTE, caller(Role.ADMIN))).andReturn().getResponse().getStatus()).isEqualTo(415);
    }

    @Test
    void hugeNumbersAreRejectedNotOverflowed() throws Exception {
        MvcResult result = putJson("""
                {"items": [{"code": "A", "valuationClass": "RAW", "baseUom": "kg", "standardCost": 1e30}],
                 "plants": [{"code": "P1", "name": "%s"}]}""".formatted("n".repeat(257)), Role.ADMIN);

        assertThat(pointers(problem(result))).containsExactlyInAnyOrder("/items/0/standardCost", "/plants/0/name");
    }

    private MvcResult putJson(String body, Role role) throws Exception {
        return mvc.perform(put("/api/v1/master-data").contentType("application/json").content(body)
                .requestAttr(Caller.ATTRIBUTE, caller(role))).andReturn();
    }

    private MvcResult putCsv(String kind, String body, Role role) throws Exception {
        return mvc.perform(put("/api/v1/master-data/" + kind).contentType("text/csv").content(body)
                .requestAttr(Caller.ATTRIBUTE, caller(role))).andReturn();
    }

    private static Caller caller(Role role) {
        return new Caller("k-" + role.name().toLowerCase(), "test " + role, role, Scope.unrestricted(), null);
    }

    private static JsonNode ok(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(200);
        return Submissions.JSON.readTree(body);
    }

    private static JsonNode problem(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(400);
        return Submissions.JSON.readTree(body);
    }

    private static List<String> pointers(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("pointer").stringValue()).toList();
    }

    private static String message(JsonNode problem, String pointer) {
        return problem.get("errors").valueStream().filter(e -> e.get("pointer").stringValue().equals(pointer))
                .map(e -> e.get("message").stringValue()).findFirst().orElseThrow();
    }

}
