package io.millrace.ledger;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.millrace.access.Caller;
import io.millrace.access.CallerArgumentResolver;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.event.CountAdjusted;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.masterdata.StockPresence;
import io.millrace.testing.TestDatabase;
import io.millrace.web.ProblemHandler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The ledger read APIs over the worked example persisted on H2, through the hub's Spring wiring. */
@SpringBootTest(classes = LedgerApiIT.App.class)
class LedgerApiIT {

    private static final TestDatabase DATABASE = TestDatabase.createEmpty(TestDatabase.Kind.H2);
    private static boolean seeded;

    private static final Caller AUDITOR = caller(Role.AUDITOR);
    private static final Caller OPERATOR = caller(Role.OPERATOR);
    private static final Caller PRODUCER = caller(Role.PRODUCER);

    /**
     * Not a {@code @Configuration}: the hub's component scan would pick that up in other modules'
     * tests.
     */
    @EnableAutoConfiguration
    @Import({LedgerConfig.class, LedgerController.class, InventoryController.class, PeriodCloseController.class,
        ProblemHandler.class})
    static class App implements WebMvcConfigurer {
        @Bean
        MasterData masterData() {
            return WorkedExample.masterData();
        }

        @Bean
        io.millrace.audit.AuditTrail auditTrail() {
            return new io.millrace.audit.AuditLog(new io.millrace.audit.InMemoryAuditRecords(),
                    java.time.Clock.systemUTC());
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new CallerArgumentResolver());
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Autowired
    private WebApplicationContext context;
    @Autowired
    private BooksStore store;
    @Autowired
    private PostingEngines engines;
    @Autowired
    private PlatformTransactionManager transactionManager;
    private MockMvc mvc;

    static Caller caller(Role role) {
        return new Caller("k-" + role.name().toLowerCase(), role.name(), role, Scope.unrestricted(), null);
    }

    @BeforeEach
    void postTheWorkedExampleOnce() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        synchronized (LedgerApiIT.class) {
            if (!seeded) {
                List<ManufacturingEvent> events = WorkedExample.events();
                for (int i = 0; i < events.size(); i++) {
                    assertThat(apply(events.get(i), i + 1, WorkedExample.START)).isInstanceOf(Outcome.Posted.class);
                }
                seeded = true;
            }
        }
    }

    private Outcome apply(ManufacturingEvent event, int n, Instant start) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            PostingEngine engine = engines.over(store.begin());
            return engine.apply(WorkedExample.context("P100", event, n, start), event);
        });
    }

    private static MockHttpServletRequestBuilder as(Caller caller, MockHttpServletRequestBuilder request) {
        return request.requestAttr(Caller.ATTRIBUTE, caller).accept(MediaType.APPLICATION_JSON);
    }

    @Test
    void trialBalanceOfNovemberIsTheWorkedExamplesWithTwoDecimalAmounts() throws Exception {
        MvcResult result = mvc.perform(as(AUDITOR, get("/api/v1/ledger/trial-balance?plant=P100&period=2026-11")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("2026-11"))
                .andExpect(jsonPath("$.accounts.length()").value(12))
                .andExpect(jsonPath("$.accounts[0].account").value("1200"))
                .andExpect(jsonPath("$.accounts[0].name").value("Accounts receivable"))
                .andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(body).contains("{\"account\":\"1400\",\"name\":\"Raw material inventory\",\"debit\":2500.00,"
                + "\"credit\":1385.00,\"balance\":1115.00}");
        assertThat(body).contains("{\"account\":\"1450\",\"name\":\"Work in process\",\"debit\":2200.00,"
                + "\"credit\":2200.00,\"balance\":0.00}");
        assertThat(body).contains("\"totalDebit\":14564.00", "\"totalCredit\":14564.00");
    }

    @Test
    void trialBalanceOfAnotherPlantOrPeriodIsEmpty() throws Exception {
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/trial-balance?plant=P200")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accounts.length()").value(0))
                .andExpect(jsonPath("$.period").doesNotExist());
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/trial-balance?period=2025-01")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accounts.length()").value(0));
    }

    @Test
    void aMalformedPeriodIsAProblemNamingTheParameter() throws Exception {
        for (String bad : List.of("2026-13", "2026-1", "26-11", "2026-11-01", "november")) {
            mvc.perform(as(AUDITOR, get("/api/v1/ledger/trial-balance").param("period", bad)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:millrace:problem:validation"))
                    .andExpect(jsonPath("$.errors[0].pointer").value("period"));
        }
    }

    @Test
    void producersMayNotReadTheLedgerAndAnonymousCallersAreUnauthorized() throws Exception {
        for (String path : List.of("/api/v1/ledger/trial-balance", "/api/v1/ledger/journal", "/api/v1/inventory",
                "/api/v1/ledger/reconciliation", "/api/v1/ledger/periods/2026-11/close-report")) {
            mvc.perform(as(PRODUCER, get(path))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("urn:millrace:problem:forbidden"));
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
        }
        mvc.perform(as(AUDITOR, post("/api/v1/ledger/periods/2026-10/close"))).andExpect(status().isForbidden());
    }

    @Test
    void journalFindsEntriesByTrackingIdOrderAndAccountWithLinesAndDimensions() throws Exception {
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/journal?trackingId=T-1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries.length()").value(1))
                .andExpect(jsonPath("$.entries[0].entryId").value("T-1-1"))
                .andExpect(jsonPath("$.entries[0].trackingId").value("T-1"))
                .andExpect(jsonPath("$.entries[0].eventId").value("E-1"))
                .andExpect(jsonPath("$.entries[0].actor").value("producer-test"))
                .andExpect(jsonPath("$.entries[0].lines.length()").value(3))
                .andExpect(jsonPath("$.entries[0].lines[0].dimensions.plant").value("P100"))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/journal?order=MO-1&period=2026-11")))
                .andExpect(jsonPath("$.entries.length()").value(6))
                .andExpect(jsonPath("$.entries[0].lines[0].dimensions.order").value("MO-1"));
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/journal?account=5100")))
                .andExpect(jsonPath("$.entries[*].trackingId").value(org.hamcrest.Matchers.contains("T-1", "T-2",
                        "T-16")));
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/journal?trackingId=T-3")))
                .andExpect(jsonPath("$.entries.length()").value(0));
    }

    @Test
    void journalPagesWithALimitAndTheNextCursor() throws Exception {
        int seen = 0;
        String cursor = null;
        int pages = 0;
        do {
            MockHttpServletRequestBuilder request = get("/api/v1/ledger/journal").param("period", "2026-11")
                    .param("limit", "5");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            String body = mvc.perform(as(AUDITOR, request)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.limit").value(5)).andReturn().getResponse().getContentAsString();
            List<String> ids = JsonPath.read(body, "$.entries[*].entryId");
            assertThat(ids).hasSizeLessThanOrEqualTo(5);
            seen += ids.size();
            cursor = JsonPath.read(body, "$.nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(12);
        assertThat(pages).isEqualTo(3);
        for (String[] bad : new String[][] {{"limit", "0"}, {"limit", "1001"}, {"limit", "x"}, {"cursor", "-1"},
            {"cursor", "abc"}, {"order", "bad order"}, {"trackingId", "a b"}}) {
            mvc.perform(as(AUDITOR, get("/api/v1/ledger/journal").param(bad[0], bad[1])))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].pointer").value(bad[0]));
        }
    }

    @Test
    void inventoryListsNonZeroBalancesValuedAtStandardCost() throws Exception {
        String body = mvc.perform(as(AUDITOR, get("/api/v1/inventory?item=FG-BRACKET")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).isEqualTo("{\"rows\":[{\"plant\":\"P100\",\"location\":\"P100-FG\",\"item\":\"FG-BRACKET\","
                + "\"lot\":\"L-FG-1\",\"status\":\"UNRESTRICTED\",\"quantity\":41,\"value\":451.00}]}");
        mvc.perform(as(AUDITOR, get("/api/v1/inventory?plant=P100&location=P100-LINE")))
                .andExpect(jsonPath("$.rows.length()").value(2))
                .andExpect(jsonPath("$.rows[*].item").value(org.hamcrest.Matchers.contains("RM-PAINT", "RM-STEEL")));
        mvc.perform(as(AUDITOR, get("/api/v1/inventory?lot=L-PT-1&location=P100-LINE")))
                .andExpect(jsonPath("$.rows[0].quantity").value(9))
                .andExpect(jsonPath("$.rows[0].value").value(45.0));
        mvc.perform(as(AUDITOR, get("/api/v1/inventory?plant=P999"))).andExpect(jsonPath("$.rows.length()").value(0));
        mvc.perform(as(AUDITOR, get("/api/v1/inventory?item=" + "X".repeat(65))))
                .andExpect(status().isBadRequest());
    }

    @Test
    void oneTransactionHasOneUnitOfWorkFlushedAtCommit() {
        assertThatThrownBy(() -> store.begin()).isInstanceOf(IllegalStateException.class);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            UnitOfWork unit = store.begin();
            assertThat(store.begin()).isSameAs(unit);
            unit.salesOrderLines().save(new SalesOrderLineProgress("7999999", 1, d("2"), d("50.00")));
        });
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(store.begin().salesOrderLines().find("7999999", 1)).isPresent();
            status.setRollbackOnly();
        });
    }

    @Test
    void stockPresenceTellsTheMasterDataWhichItemsAreInStock() {
        StockPresence presence = context.getBean(StockPresence.class);
        assertThat(presence.hasStock("FG-BRACKET")).isTrue();
        assertThat(presence.hasStock("RM-STEEL")).isTrue();
        assertThat(presence.hasStock("RM-UNKNOWN")).isFalse();
    }

    @Test
    void reconciliationShowsInventoryAndGrIrAgreeingWithTheSubLedgers() throws Exception {
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/reconciliation?plant=P100")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanced").value(true))
                .andExpect(jsonPath("$.plants[0].plant").value("P100"))
                .andExpect(jsonPath("$.plants[0].inventory[?(@.account=='1420')].glBalance").value(451.0))
                .andExpect(jsonPath("$.plants[0].inventory[?(@.account=='1420')].subLedgerValue").value(451.0))
                .andExpect(jsonPath("$.plants[0].inventory[?(@.account=='1400')].difference").value(0.0))
                .andExpect(jsonPath("$.plants[0].grIr.glBalance").value(-480.0))
                .andExpect(jsonPath("$.plants[0].grIr.openPurchaseOrderValue").value(480.0))
                .andExpect(jsonPath("$.plants[0].grIr.difference").value(0.0));
    }

    @Test
    void closingAMonthMakesItsLaterEventsPostLateAndTheReportListsThem() throws Exception {
        mvc.perform(as(OPERATOR, post("/api/v1/ledger/periods/2026-11/close")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("2026-11"))
                .andExpect(jsonPath("$.closed").value(true))
                .andExpect(jsonPath("$.closedBy").value("key:k-operator"));
        mvc.perform(as(caller(Role.ADMIN), post("/api/v1/ledger/periods/2026-11/close")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.closedBy").value("key:k-operator"));

        CountAdjusted count = new CountAdjusted("CNT-1", "RM-STEEL", "L-ST-1", "P100-RM", d("398"), "kg");
        Outcome outcome = apply(count, 17, Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(outcome).isInstanceOf(Outcome.Posted.class);
        assertThat(((Outcome.Posted) outcome).entries().get(0).late()).isTrue();

        mvc.perform(as(AUDITOR, get("/api/v1/ledger/periods/2026-12/close-report")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.closed").value(false))
                .andExpect(jsonPath("$.latePostingCount").value(1))
                .andExpect(jsonPath("$.latePostings[0].trackingId").value("T-17"))
                .andExpect(jsonPath("$.latePostings[0].postingDate").value("2026-12-01"))
                .andExpect(jsonPath("$.trialBalance.5400").value(4.0));
        mvc.perform(as(AUDITOR, get("/api/v1/ledger/periods/2026-11/close-report")))
                .andExpect(jsonPath("$.closed").value(true))
                .andExpect(jsonPath("$.latePostingCount").value(0))
                .andExpect(jsonPath("$.trialBalance.1400").value(1115.0));
        mvc.perform(as(OPERATOR, post("/api/v1/ledger/periods/2026-13/close"))).andExpect(status().isBadRequest());
    }
}
