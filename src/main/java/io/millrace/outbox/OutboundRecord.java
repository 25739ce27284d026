package io.millrace.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One published message as lineage shows it: its CloudEvents {@code id} and {@code type}, when it
 * was written to the outbox, its delivery {@code position} (null until sequenced) and its
 * delivery to every configured subscriber of its type.
 */
public record OutboundRecord(UUID id, String type, String subject, String plant, String correlationId,
                             Instant createdAt, Long position, List<SubscriberDelivery> deliveries) {
    public OutboundRecord {
        deliveries = List.copyOf(deliveries);
    }
}
