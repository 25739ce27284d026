package io.millrace.outbox;

import io.millrace.eventlog.EventTracing;
import java.time.Instant;
import java.util.UUID;

/**
 * A message as the outbox table holds it; {@code data} is the JSON text, {@code position} null until
 * sequenced, {@code traceparent} the trace its delivery continues (null when none).
 */
record StoredMessage(Long position, UUID eventId, String type, String source, String subject, String plant,
                     String correlationId, UUID trackingId, Instant time, String data, String traceparent) {

    /** The event the message comes from, as the tracing of its delivery needs it. */
    EventTracing.Source traceSource() {
        return new EventTracing.Source(trackingId, correlationId, traceparent);
    }
}
