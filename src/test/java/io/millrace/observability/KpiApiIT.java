package io.millrace.observability;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/kpis} through the access filter: the reading roles get the figures, a producer
 * is refused, bad parameters are precise problems; the same figures are gauges on Prometheus.
 */
class KpiApiIT extends HubIntegrationTest {

    @Test
    void readingRolesGetTheFiguresOfARangeAndAProducerIsRefused() {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"kpi-auditor\",\"role\":\"auditor\"}");
        HttpResponse<String> r = http.get("/api/v1/kpis?plant=P100&from=2026-11-01T00:00:00Z"
                + "&to=2026-12-01T00:00:00Z", auditor);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode kpis = json(r);
        assertThat(kpis.get("plant").asString()).isEqualTo("P100");
        assertThat(kpis.get("from").asString()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(kpis.get("synchronisation").get("acceptedToPosted").get("count").asLong()).isZero();
        for (String figure : new String[] {"accuracy", "exceptionResolution", "inventoryVariance", "closeCycle",
                "resilience"}) {
            assertThat(kpis.has(figure)).as(figure).isTrue();
        }
        assertThat(kpis.get("resilience").has("erp")).isTrue();
        assertThat(kpis.get("resilience").has("plantLinks")).isTrue();

        HttpResponse<String> refused = http.get("/api/v1/kpis", producerKey());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aBadTimeOrAnEmptyRangeIsAProblemNamingTheParameter() {
        HttpResponse<String> badTime = http.get("/api/v1/kpis?from=yesterday", ADMIN_KEY);
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(json(badTime).get("errors").get(0).get("pointer").asString()).isEqualTo("from");
        HttpResponse<String> empty = http.get("/api/v1/kpis?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z",
                ADMIN_KEY);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("errors").get(0).get("pointer").asString()).isEqualTo("from");
        HttpResponse<String> badPlant = http.get("/api/v1/kpis?plant=%3Cscript%3E", ADMIN_KEY);
        assertThat(badPlant.statusCode()).isEqualTo(400);
    }

    @Test
    void theFiguresAreGaugesOnPrometheus() {
        String metrics = http.get("/actuator/prometheus", ADMIN_KEY).body();
        assertThat(metrics).contains("millrace_kpi_sync_latency_seconds{measure=\"accepted_to_posted\",quantile=\"0.95\"}")
                .contains("millrace_kpi_posting_accuracy").contains("millrace_kpi_exceptions_open")
                .contains("millrace_kpi_inventory_variance").contains("millrace_kpi_outage_seconds{of=\"erp\"}")
                .contains("millrace_kpi_backlog_peak{backlog=\"events\"}");
    }
}
