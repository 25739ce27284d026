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
 */
public record OutboxMessage(String type, String subject, String plant, String correlationId, UUID trackingId,
                            JsonNode data, String source, Instant time) {
    public OutboxMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(data, "data");
    }

    /** A message of the hub's own. */
    public OutboxMessage(String type, String subject, String plant, String correlationId, UUID trackingId,
                         JsonNode data) {
        this(type, subject, plant, correlationId, trackingId, data, null, null);
    }
}
