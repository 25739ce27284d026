package io.millrace.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.Receipt;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class IntakeLogContextTest {

    private static final JsonNode EVENT = JsonNodeFactory.instance.objectNode().put("id", "ev-1")
            .put("correlationid", "MO-7");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void anEventsCorrelationIdAndThenItsTrackingIdAreInTheLogContextWhileItIsAccepted() {
        UUID tracking = UUID.randomUUID();
        try (IntakeLogContext context = IntakeLogContext.of(List.of(EVENT))) {
            assertThat(MDC.get(EventTracing.CORRELATION_ID)).isEqualTo("MO-7");
            assertThat(MDC.get(EventTracing.TRACKING_ID)).as("not known before the log gives it").isNull();
            context.accepted(List.of(new Receipt("urn:test", "ev-1", tracking, Receipt.Status.ACCEPTED)));
            assertThat(MDC.get(EventTracing.TRACKING_ID)).isEqualTo(tracking.toString());
        }
        assertThat(MDC.get(EventTracing.TRACKING_ID)).isNull();
        assertThat(MDC.get(EventTracing.CORRELATION_ID)).isNull();
    }

    @Test
    void theLogContextTheChannelHadIsBackAfterwards() {
        MDC.put(EventTracing.CORRELATION_ID, "channel");
        try (IntakeLogContext context = IntakeLogContext.of(List.of(EVENT))) {
            assertThat(MDC.get(EventTracing.CORRELATION_ID)).isEqualTo("MO-7");
        }
        assertThat(MDC.get(EventTracing.CORRELATION_ID)).isEqualTo("channel");
    }

    @Test
    void aBatchLeavesTheLogContextAlone() {
        try (IntakeLogContext context = IntakeLogContext.of(List.of(EVENT, EVENT))) {
            context.accepted(List.of(new Receipt("urn:test", "ev-1", UUID.randomUUID(), Receipt.Status.ACCEPTED)));
            assertThat(MDC.get(EventTracing.CORRELATION_ID)).isNull();
            assertThat(MDC.get(EventTracing.TRACKING_ID)).isNull();
        }
    }
}
