package io.millrace.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An event for the outbox: its CloudEvents {@code type}, {@code subject}, {@code plant} and
 * {@code correlationid}, the hub tracking id of the accepted event it comes from (null when it
 * comes from none) and its {@code data}. The CloudEvents id is given on {@link Outbox#enqueue
 * enqueue}; so are the source (the hub's) and the time (the clock's) unless {@code source} and
 * {@code time} are set, as they are for an accepted event passed on to its subscribers.
 * {@code traceparent} is the W3C trace context its delivery continues (null: none).
 */
public record OutboxMessage(String type, String subject, String plant, String correlationId, UUID trackingId,
                            JsonNode data, String source, Instant time, String traceparent) {
    public OutboxMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(data, "data");
    }

    /** A message whose delivery is in no trace yet. */
    public OutboxMessage(String type, String subject, String plant, String correlationId, UUID trackingId,
                         JsonNode data, String source, Instant time) {
        this(type, subject, plant, correlationId, trackingId, data, source, time, null);
    }

    /** A message of the hub's own. */
    public OutboxMessage(String type, String subject, String plant, String correlationId, UUID trackingId,
                         JsonNode data) {
        this(type, subject, plant, correlationId, trackingId, data, null, null, null);
    }

    /** The same message, delivered in the trace {@code parent} names (a W3C traceparent, null for none). */
    public OutboxMessage inTrace(String parent) {
        return new OutboxMessage(type, subject, plant, correlationId, trackingId, data, source, time, parent);
    }
}
