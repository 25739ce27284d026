package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.millrace.accounting.WorkedExample;
import io.millrace.erp.ErpTesting;
import io.millrace.erp.InMemoryErp;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.EventTracing;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxProperties;
import io.millrace.outbox.OutboxTesting;
import io.millrace.testing.RecordedSpans;
import io.millrace.testing.TestDatabase;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** One trace per event: the producer's, continued by applying, the webhook delivery and the ERP delivery. */
class EventTraceTest {

    private static final String PRODUCER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";

    private final RecordedSpans spans = new RecordedSpans();
    private final EventTracing tracing = spans.tracing();
    /** The traceparent header of every request the subscriber received. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer subscriber;
    private PipelineRig rig;

    @BeforeEach
    void setUp() throws IOException {
        rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10), tracing);
        subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        subscriber.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        subscriber.start();
    }

    @AfterEach
    void tearDown() {
        subscriber.stop(0);
        spans.close();
        rig.close();
    }

    @Test
    void anEventIsAppliedAndDeliveredInTheTraceItArrivedIn() {
        ObjectNode receipt = PipelineRig.cloudEvent(ParkingAndOrderTest.receipt(), "ev-gr", "P100",
                Instant.parse("2026-11-02T08:00:00Z"));
        receipt.put("traceparent", "00-" + PRODUCER_TRACE + "-" + PRODUCER_SPAN + "-01");
        UUID tracked = rig.acceptNodes(List.of(receipt)).get(0);
        rig.drain();
        assertThat(rig.state(tracked)).isEqualTo(EventState.POSTED);

        Outbox outbox = new Outbox(rig.database.dataSource(), rig.clock, OutboxProperties.defaults(List.of()));
        OutboxTesting.deliver(outbox, new OutboxProperties.Webhook("mes", URI.create("http://127.0.0.1:"
                + subscriber.getAddress().getPort() + "/hook"), List.of(), null, 1), tracing);
        InMemoryErp erp = ErpTesting.standardErp();
        ErpTesting.deliverAll(outbox, rig.database.dataSource(), erp, rig.clock, tracing);

        SpanData apply = named("apply").get(0);
        assertThat(apply.getTraceId()).isEqualTo(PRODUCER_TRACE);
        List<SpanData> webhook = named("deliver webhook");
        List<SpanData> intoErp = named("deliver erp");
        assertThat(webhook).isNotEmpty();
        assertThat(intoErp).hasSize(1);
        assertThat(erp.moveCount()).isEqualTo(1);
        assertThat(webhook).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(PRODUCER_TRACE);
            assertThat(span.getParentSpanId()).as("delivery follows applying").isEqualTo(apply.getSpanId());
        });
        assertThat(intoErp.get(0).getTraceId()).isEqualTo(PRODUCER_TRACE);
        assertThat(intoErp.get(0).getParentSpanId()).isEqualTo(apply.getSpanId());
        assertThat(received).hasSameSizeAs(webhook)
                .allSatisfy(header -> assertThat(header).startsWith("00-" + PRODUCER_TRACE + "-"));
    }

    private List<SpanData> named(String name) {
        return spans.finished().stream().filter(s -> s.getName().equals(name)).toList();
    }
}
