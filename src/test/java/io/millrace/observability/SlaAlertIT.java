package io.millrace.observability;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.millrace.MillraceHub;
import io.millrace.outbox.SlaAlertEvents;
import io.millrace.pipeline.PipelineDriver;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.HubHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A hub whose applier is held back while its clock moves on: the plant's flow falls behind its
 * one-minute service level, a business alert naming plant, flow, latency and threshold reaches the
 * webhook subscriber once, and a clear follows once the flow has caught up and the slow event has
 * left the evaluation window.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.admin-key=" + SlaAlertIT.ADMIN_KEY,
                "millrace.sla.posting=1m",
                "millrace.sla.window=5m",
                // evaluated by the test, not by the schedule
                "millrace.sla.evaluate-every=1h",
                "millrace.sla.overrides[0].plant=SLA2",
                "millrace.sla.overrides[0].posting=10m"
        })
@Import(SlaAlertIT.Clocks.class)
class SlaAlertIT {

    static final String ADMIN_KEY = "admin-key-for-sla-tests-0123456789abcdef";
    private static final String DATABASE = EmbeddedDatabases.fresh("sla-it");
    private static final WebhookInbox INBOX = new WebhookInbox();
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-03T08:00:00Z"));
    private static final String FLOW = "mfg.production.order.released";

    private static final List<SpanData> SPANS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return CLOCK;
        }

        /** Keeps the hub's finished spans, as an exporter to a collector would send them. */
        @Bean
        SpanExporter keptSpans() {
            return new SpanExporter() {
                @Override
                public CompletableResultCode export(java.util.Collection<SpanData> spans) {
                    SPANS.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        // a list binds from one property source only, so the whole subscriber is given here
        registry.add("millrace.outbox.webhooks[0].name", () -> "operations");
        registry.add("millrace.outbox.webhooks[0].url", INBOX::url);
        registry.add("millrace.outbox.webhooks[0].types", () -> SlaAlertEvents.RAISED + "," + SlaAlertEvents.CLEARED);
    }

    @AfterAll
    static void closeInbox() {
        INBOX.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    PipelineDriver applier;

    @Autowired
    SlaMonitor monitor;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("slaEvaluation")
    SmartLifecycle slaEvaluation;

    @Autowired
    WorkersHealth workers;

    @Test
    void aFlowHeldBackPastItsThresholdRaisesOneAlertAndClearsItOnceItHasCaughtUp() {
        HubHttp http = new HubHttp(port);
        masterData(http, "SLA1");
        masterData(http, "SLA2");
        String producer = http.issueKey(ADMIN_KEY, "{\"name\":\"mes\",\"sources\":[\"*\"],\"plants\":[\"*\"],"
                + "\"eventTypes\":[\"*\"]}");
        SmartLifecycle applying = (SmartLifecycle) applier;

        applying.stop();
        String slow = release(http, producer, "SLA1", "MO-1");
        release(http, producer, "SLA2", "MO-2");
        CLOCK.advance(Duration.ofMinutes(3));
        monitor.evaluate();
        monitor.evaluate();

        await().atMost(Duration.ofSeconds(30)).until(() -> !INBOX.ofType(SlaAlertEvents.RAISED).isEmpty());
        List<JsonNode> raised = INBOX.ofType(SlaAlertEvents.RAISED);
        assertThat(raised).as("one alert: the second look finds the breach open, SLA2 allows 10 minutes")
                .hasSize(1);
        JsonNode alert = raised.get(0);
        assertThat(alert.get("plant").asString()).isEqualTo("SLA1");
        assertThat(alert.get("subject").asString()).isEqualTo(FLOW);
        JsonNode data = alert.get("data");
        assertThat(data.get("plant").asString()).isEqualTo("SLA1");
        assertThat(data.get("flow").asString()).isEqualTo(FLOW);
        assertThat(data.get("measure").asString()).isEqualTo("ACCEPTED_TO_POSTED");
        assertThat(data.get("latencySeconds").decimalValue()).isEqualByComparingTo("180");
        assertThat(data.get("thresholdSeconds").decimalValue()).isEqualByComparingTo("60");
        assertThat(data.get("waiting").asLong()).isEqualTo(1);
        assertThat(monitor.openBreaches()).extracting(SlaMonitor.OpenBreach::plant).containsExactly("SLA1");

        applying.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "POSTED".equals(state(http, slow)));
        monitor.evaluate();
        assertThat(monitor.openBreaches()).as("posted three minutes late, still within the window")
                .hasSize(1);

        CLOCK.advance(Duration.ofMinutes(6));
        monitor.evaluate();
        await().atMost(Duration.ofSeconds(30)).until(() -> !INBOX.ofType(SlaAlertEvents.CLEARED).isEmpty());
        JsonNode cleared = INBOX.ofType(SlaAlertEvents.CLEARED).get(0).get("data");
        assertThat(cleared.get("plant").asString()).isEqualTo("SLA1");
        assertThat(cleared.get("flow").asString()).isEqualTo(FLOW);
        assertThat(cleared.get("latencySeconds").decimalValue()).isEqualByComparingTo("0");
        assertThat(cleared.get("breachSeconds").decimalValue()).isEqualByComparingTo("360");
        assertThat(monitor.openBreaches()).isEmpty();
        monitor.evaluate();
        assertThat(INBOX.ofType(SlaAlertEvents.RAISED)).hasSize(1);
        assertThat(INBOX.ofType(SlaAlertEvents.CLEARED)).hasSize(1);
    }

    @Test
    void aStoppedWorkerMakesTheHubNotReadyUntilItRunsAgain() {
        HubHttp http = new HubHttp(port);
        assertThat(http.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        for (SmartLifecycle worker : List.of((SmartLifecycle) applier, slaEvaluation)) {
            worker.stop();
            try {
                HttpResponse<String> down = http.get("/actuator/health/readiness", null);
                assertThat(down.statusCode()).as(worker.getClass().getSimpleName()).isEqualTo(503);
                assertThat(json(down).get("status").asString()).isEqualTo("DOWN");
                assertThat(workers.health().getDetails()).containsValue("stopped");
            } finally {
                worker.start();
            }
            assertThat(http.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        }
        assertThat(workers.health().getDetails()).containsKeys("processorRunner", "outboxDispatcher", "slaEvaluation",
                "backlogSampling").doesNotContainValue("stopped");
    }

    @Test
    void anEventsTraceparentContinuesTheProducersTraceAtIntake() {
        HubHttp http = new HubHttp(port);
        masterData(http, "SLA3");
        String producer = http.issueKey(ADMIN_KEY, "{\"name\":\"traced\",\"sources\":[\"*\"],\"plants\":[\"SLA3\"],"
                + "\"eventTypes\":[\"*\"]}");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String structured = "{\"specversion\":\"1.0\",\"id\":\"traced-1\",\"source\":\"urn:millrace:plant:SLA3:mes\","
                + "\"type\":\"" + FLOW + "\",\"time\":\"2026-12-03T07:59:00Z\",\"plant\":\"SLA3\","
                + "\"traceparent\":\"00-" + traceId + "-00f067aa0ba902b7-01\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"orderId\":\"MO-T1\",\"item\":\"FG-1\",\"quantity\":10,\"uom\":\"ea\"}}";
        HttpResponse<String> accepted = http.post("/api/v1/events", producer, "application/cloudevents+json", structured);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String binaryTrace = "0af7651916cd43dd8448eb211c80319c";
        HttpResponse<String> binary = http.post("/api/v1/events", producer, "application/json",
                "{\"orderId\":\"MO-T2\",\"item\":\"FG-1\",\"quantity\":10,\"uom\":\"ea\"}",
                "ce-specversion", "1.0", "ce-id", "traced-2", "ce-source", "urn:millrace:plant:SLA3:mes",
                "ce-type", FLOW, "ce-time", "2026-12-03T07:59:00Z", "ce-plant", "SLA3",
                "ce-traceparent", "00-" + binaryTrace + "-b7ad6b7169203331-01");
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SPANS)
                .extracting(SpanData::getTraceId).contains(traceId, binaryTrace));
        SpanData intake = SPANS.stream().filter(span -> span.getTraceId().equals(traceId)).findFirst().orElseThrow();
        assertThat(intake.getParentSpanId()).as("a child of the producer's span").isEqualTo("00f067aa0ba902b7");
    }

    private static String state(HubHttp http, String trackingId) {
        return json(http.get("/api/v1/events/" + trackingId, ADMIN_KEY)).get("state").asString();
    }

    private static String release(HubHttp http, String key, String plant, String order) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + plant + "-" + order + "\",\"source\":\"urn:millrace:plant:"
                + plant + ":mes\",\"type\":\"" + FLOW + "\",\"time\":\"2026-12-03T07:59:00Z\","
                + "\"datacontenttype\":\"application/json\",\"plant\":\"" + plant + "\",\"data\":{\"orderId\":\""
                + order + "\",\"item\":\"FG-1\",\"quantity\":10,\"uom\":\"ea\"}}";
        HttpResponse<String> r = http.post("/api/v1/events", key, "application/cloudevents+json", event);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("receipts").get(0).get("trackingId").asString();
    }

    static void masterData(HubHttp http, String plant) {
        String body = "{\"plants\":[{\"code\":\"" + plant + "\",\"name\":\"Plant " + plant + "\"}],"
                + "\"locations\":[{\"code\":\"" + plant + "-RM\",\"plant\":\"" + plant + "\",\"role\":\"STORE\"},"
                + "{\"code\":\"" + plant + "-LINE\",\"plant\":\"" + plant + "\",\"role\":\"SUPPLY\"},"
                + "{\"code\":\"" + plant + "-FG\",\"plant\":\"" + plant + "\",\"role\":\"FG\"}],"
                + "\"items\":[{\"code\":\"RM-1\",\"description\":\"Steel\",\"valuationClass\":\"RAW\",\"baseUom\":"
                + "\"kg\",\"standardCost\":2.00},{\"code\":\"FG-1\",\"description\":\"Bracket\","
                + "\"valuationClass\":\"FINISHED\",\"baseUom\":\"ea\",\"standardCost\":10.00}],"
                + "\"boms\":[{\"item\":\"FG-1\",\"components\":[{\"item\":\"RM-1\",\"quantityPer\":2}]}]}";
        HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }
}
