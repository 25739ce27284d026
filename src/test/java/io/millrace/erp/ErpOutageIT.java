package io.millrace.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.millrace.MillraceHub;
import io.millrace.erp.tryton.TrytonClient;
import io.millrace.simulator.HubClient;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TrytonServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tryton is stopped in the middle of a stream of the demo plants' traffic (after the first third)
 * and started again two and a half minutes later, before the last third: the plants get 202s
 * throughout, and afterwards every journal entry is in Tryton exactly once (counted by reference)
 * and the reconciliation shows no difference.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.admin-key=" + ErpOutageIT.ADMIN_KEY,
                "millrace.erp.kind=tryton",
                "millrace.erp.user=admin",
                "millrace.erp.sync-interval=1h",
                "millrace.erp.retry.initial-backoff=200ms",
                "millrace.erp.retry.max-backoff=2s",
                "millrace.erp.circuit-breaker.open-duration=2s",
                "millrace.erp.connect-timeout=1s",
                "millrace.erp.batch-size=200"
        })
@DirtiesContext
class ErpOutageIT {

    static final String ADMIN_KEY = "admin-key-for-erp-outage-0123456789";
    private static final String DATABASE = EmbeddedDatabases.fresh("erp-outage-it");
    private static final int EVENTS = 2400;
    private static final Duration OUTAGE = Duration.ofSeconds(150);

    private static TrytonServer tryton;
    private static TrytonClient client;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startTryton() {
        tryton = TrytonServer.start();
        client = new TrytonClient(tryton.url(), "admin", TrytonServer.ADMIN_PASSWORD, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        Map<String, String> parties = new LinkedHashMap<>();
        master.suppliers().forEach(s -> parties.put(s.code(), s.name()));
        master.customers().forEach(c -> parties.put(c.code(), c.name()));
        TrytonTestData.parties(client, parties);
    }

    @AfterAll
    static void stopTryton() {
        if (tryton != null) {
            tryton.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("millrace.erp.url", () -> tryton.url().toString());
        registry.add("millrace.erp.password", () -> TrytonServer.ADMIN_PASSWORD);
    }

    @Test
    void everyEntryReachesTrytonExactlyOnceAfterAnOutageInTheMiddleOfTheStream() throws Exception {
        HubHttp http = new HubHttp(port);
        HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                demoMasterData());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        MasterDataSet master = MasterDataSet.fromResource("/demo/master-data.json");
        List<String> plants = PlantTraffic.runnablePlants(master);
        String producer = http.issueKey(ADMIN_KEY, "{\"name\":\"plants\",\"sources\":[\"*\"],\"plants\":["
                + String.join(",", plants.stream().map(p -> "\"" + p + "\"").toList())
                + "],\"eventTypes\":[\"*\"]}");
        List<ObjectNode> events = PlantTraffic.generate(master, plants, 20261202L, EVENTS);
        assertThat(events).hasSizeGreaterThanOrEqualTo(EVENTS);
        HubClient hub = new HubClient(URI.create("http://127.0.0.1:" + port), producer, Duration.ofSeconds(60));

        // A third of the stream reaches Tryton, the second third arrives while Tryton is down, and
        // the last third after it is back: the plants see 202s throughout.
        int third = events.size() / 3;
        post(hub, events.subList(0, third));
        awaitSomeDelivered(http);
        tryton.stop();
        long stoppedAt = System.nanoTime();
        post(hub, events.subList(third, 2 * third));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(http, "/api/v1/pipeline/backlog").get("pending")
                .asLong() == 0);
        // the delivery finds Tryton gone on its next attempt; the entries wait
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode during = get(http, "/api/v1/erp/status");
            return during.get("connection").asString().equals("UNREACHABLE")
                    && during.get("delivery").get("pending").asLong() > 0;
        });
        long left = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        tryton.restart();
        post(hub, events.subList(2 * third, events.size()));

        await().atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode delivery = get(http, "/api/v1/erp/status").get("delivery");
            return delivery.get("pending").asLong() == 0 && delivery.get("delivered").asLong() > 0;
        });
        Set<String> entryIds = journalEntryIds(http);
        Map<String, Integer> moves = movesByReference();
        assertThat(get(http, "/api/v1/erp/status").get("delivery").get("refused").asLong()).isZero();
        assertThat(moves.keySet()).containsExactlyInAnyOrderElementsOf(entryIds);
        assertThat(moves.values()).allMatch(n -> n == 1);
        JsonNode reconciliation = get(http, "/api/v1/erp/reconciliation");
        assertThat(reconciliation.get("reconciled").asBoolean()).as(reconciliation.toString()).isTrue();
        assertThat(get(http, "/api/v1/erp/status").get("connection").asString()).isEqualTo("CONNECTED");
    }

    private static void post(HubClient hub, List<ObjectNode> events) throws Exception {
        int batch = 100;
        for (int from = 0; from < events.size(); from += batch) {
            HubClient.BatchAnswer answer = hub.post(events.subList(from, Math.min(events.size(), from + batch)));
            assertThat(answer.status()).as(answer.problem()).isEqualTo(202);
        }
    }

    private static void awaitSomeDelivered(HubHttp http) {
        await().atMost(Duration.ofSeconds(120)).until(() -> get(http, "/api/v1/erp/status").get("delivery")
                .get("delivered").asLong() > 0);
    }

    private static JsonNode get(HubHttp http, String path) {
        HttpResponse<String> response = http.get(path, ADMIN_KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return HubHttp.json(response);
    }

    private static Set<String> journalEntryIds(HubHttp http) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = get(http, "/api/v1/ledger/journal?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("entries").forEach(e -> ids.add(e.get("entryId").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString(null);
        } while (cursor != null);
        return ids;
    }

    /** Every move in Tryton by its reference (description), with how many moves carry it. */
    private static Map<String, Integer> movesByReference() {
        Map<String, Integer> counts = new HashMap<>();
        JsonNode rows = client.model("account.move", "search_read", List.of(), 0, null, null,
                List.of("description", "state"));
        rows.forEach(r -> {
            assertThat(r.get("state").asString()).isEqualTo("posted");
            counts.merge(r.get("description").asString(), 1, Integer::sum);
        });
        return counts;
    }

    private static byte[] demoMasterData() throws java.io.IOException {
        try (InputStream in = ErpOutageIT.class.getResourceAsStream("/demo/master-data.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
    }
}
