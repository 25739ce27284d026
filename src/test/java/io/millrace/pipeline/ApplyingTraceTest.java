package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.testing.RecordedSpans;
import io.millrace.testing.TestDatabase;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

class ApplyingTraceTest {

    private static final String PRODUCER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";

    private final RecordedSpans spans = new RecordedSpans();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger applierLog = (Logger) LoggerFactory.getLogger(Applier.class);
    private Level previousLevel;
    private PipelineRig rig;

    @BeforeEach
    void setUp() {
        rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10),
                spans.tracing());
        previousLevel = applierLog.getLevel();
        applierLog.setLevel(Level.DEBUG);
        lines.start();
        applierLog.addAppender(lines);
    }

    @AfterEach
    void tearDown() {
        applierLog.detachAppender(lines);
        applierLog.setLevel(previousLevel);
        spans.close();
        rig.close();
    }

    @Test
    void applyingContinuesTheTraceTheEventArrivedIn() {
        UUID tracked = rig.acceptNodes(List.of(released("ev-traced", "00-" + PRODUCER_TRACE + "-" + PRODUCER_SPAN + "-01")))
                .get(0);
        rig.drain();

        assertThat(rig.state(tracked)).isEqualTo(EventState.POSTED);
        SpanData apply = onlySpanOf(tracked);
        assertThat(apply.getName()).isEqualTo("apply");
        assertThat(apply.getTraceId()).isEqualTo(PRODUCER_TRACE);
        assertThat(apply.getParentSpanId()).isEqualTo(PRODUCER_SPAN);
    }

    @Test
    void anEventWithoutTraceparentIsAppliedInATraceOfItsOwn() {
        UUID first = rig.acceptNodes(List.of(released("ev-a", null))).get(0);
        UUID second = rig.accept("P100", new OrderReleased("MO-2", "FG-BRACKET", d("10"), "ea")).get(0);
        rig.drain();

        assertThat(onlySpanOf(first).getParentSpanContext().isValid()).isFalse();
        assertThat(onlySpanOf(first).getTraceId()).isNotEqualTo(onlySpanOf(second).getTraceId());
    }

    @Test
    void theLogContextHoldsTheEventsTrackingAndCorrelationIdWhileItIsApplied() {
        UUID tracked = rig.acceptNodes(List.of(released("ev-logged", null))).get(0);
        rig.drain();

        LoggedEvent event = rig.log.find(tracked).orElseThrow();
        assertThat(event.correlationId()).isNotBlank();
        assertThat(lines.list).isNotEmpty();
        ILoggingEvent line = lines.list.get(0);
        assertThat(line.getMDCPropertyMap())
                .containsEntry(EventTracing.TRACKING_ID, tracked.toString())
                .containsEntry(EventTracing.CORRELATION_ID, event.correlationId());
        assertThat(org.slf4j.MDC.get(EventTracing.TRACKING_ID)).as("cleared after applying").isNull();
    }

    private SpanData onlySpanOf(UUID trackingId) {
        List<SpanData> of = spans.finished().stream()
                .filter(s -> trackingId.toString().equals(s.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("millrace.tracking_id"))
                        .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null)))
                .toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    private static ObjectNode released(String id, String traceparent) {
        ObjectNode node = PipelineRig.cloudEvent(new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea"), id, "P100",
                Instant.parse("2026-11-02T08:00:00Z"));
        if (traceparent != null) {
            node.put("traceparent", traceparent);
        }
        return node;
    }
}
