package io.millrace.catalog;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A hub on an organisation's own catalog ({@code millrace.catalog.dir}) in which scrap is
 * deprecated and lot holds are a draft: deprecated events are accepted and flagged, drafts are
 * refused unless the key names them.
 */
class CatalogGovernanceIT extends HubIntegrationTest {

    private static final String SCRAP = "mfg.production.scrap.declared";
    private static final String HELD = "mfg.quality.lot.held";
    private static final String SINCE = "2026-12-01";
    private static final CatalogCopy CATALOG = governedCatalog();

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        registry.add("millrace.catalog.dir", () -> CATALOG.directory().toString());
    }

    private static CatalogCopy governedCatalog() {
        try {
            return CatalogCopy.of(Files.createTempDirectory("millrace-catalog"))
                    .type(SCRAP, t -> t.put("status", "deprecated").put("deprecatedSince", SINCE)
                            .put("deprecation", "declare scrap with mfg.quality.lot.rejected"))
                    .type(HELD, t -> t.put("status", "draft"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void acceptsADeprecatedTypeAndFlagsItInTheReceiptAndTheHeaders() {
        HttpResponse<String> r = http.post("/api/v1/events", producerKey(), "application/cloudevents+json",
                event(SCRAP, "{\"orderId\":\"MO-9\",\"quantity\":1,\"uom\":\"ea\",\"reasonCode\":\"DENT\"}"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        long since = LocalDate.parse(SINCE).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertThat(r.headers().firstValue("Deprecation")).hasValue("@" + since);
        assertThat(r.headers().firstValue("Link")).hasValue("</api/v1/catalog/" + SCRAP
                + ">; rel=\"deprecation\"; type=\"application/json\"");
        assertThat(json(r).at("/receipts/0/warnings/0").asString()).isEqualTo("event type " + SCRAP
                + " is deprecated since " + SINCE + ": declare scrap with mfg.quality.lot.rejected");
    }

    @Test
    void anActiveTypeIsAcceptedWithoutFlags() {
        HttpResponse<String> r = http.post("/api/v1/events", producerKey(), "application/cloudevents+json",
                event("mfg.production.order.closed", "{\"orderId\":\"MO-9\"}"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Deprecation")).isEmpty();
        assertThat(json(r).at("/receipts/0").has("warnings")).isFalse();
    }

    @Test
    void refusesADraftTypeToAKeyThatDoesNotNameIt() {
        String lotHeld = event(HELD, "{\"item\":\"RM-STEEL\",\"lot\":\"L-1\",\"location\":\"P100-RM\",\"quantity\":1,"
                + "\"reasonCode\":\"QC\"}");
        HttpResponse<String> refused = http.post("/api/v1/events", producerKey(), "application/cloudevents+json", lotHeld);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).at("/errors/0/pointer").asString()).isEqualTo("/type");
        assertThat(json(refused).at("/errors/0/message").asString()).isEqualTo("event type '" + HELD
                + "' is a draft: only keys whose scope names it explicitly may publish it");

        String pilot = http.issueKey(ADMIN_KEY, "{\"name\":\"qms-pilot\",\"sources\":[\"urn:millrace:plant:P100:mes\"],"
                + "\"plants\":[\"P100\"],\"eventTypes\":[\"" + HELD + "\"]}");
        HttpResponse<String> accepted = http.post("/api/v1/events", pilot, "application/cloudevents+json", lotHeld);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void theCatalogPublishesOwnersStatusesAndAccountingEffects() {
        JsonNode types = json(http.get("/api/v1/catalog", producerKey())).get("types");

        JsonNode scrap = find(types, SCRAP);
        assertThat(scrap.get("status").asString()).isEqualTo("deprecated");
        assertThat(scrap.at("/deprecation/since").asString()).isEqualTo(SINCE);
        assertThat(scrap.get("owner").asString()).isEqualTo("Shop-floor systems (MES)");
        assertThat(scrap.get("accountingEffect").asString()).startsWith("Dr 5300 Scrap expense");
        assertThat(find(types, HELD).get("status").asString()).isEqualTo("draft");
        assertThat(find(types, HELD).has("deprecation")).isFalse();
    }

    private static JsonNode find(JsonNode types, String type) {
        for (JsonNode t : types) {
            if (t.get("type").asString().equals(type)) {
                return t;
            }
        }
        throw new AssertionError(type + " is not in the catalog");
    }

    private static String event(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + uniqueId() + "\",\"source\":\"urn:millrace:plant:P100:mes\","
                + "\"type\":\"" + type + "\",\"time\":\"2026-11-26T08:15:00Z\",\"plant\":\"P100\",\"data\":" + data + "}";
    }
}
