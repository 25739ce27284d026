package io.millrace.outbox;

import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An event for the outbox: its CloudEvents {@code type}, {@code subject}, {@code plant} and
 * {@code correlationid}, the hub tracking id of the accepted event it comes from (null when it
 * comes from none) and its {@code data}. The CloudEvents id, source and time are given on
 * {@link Outbox#enqueue enqueue}.
 */
public record OutboxMessage(String type, String subject, String plant, String correlationId, UUID trackingId,
                            JsonNode data) {
    public OutboxMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(data, "data");
    }
}
