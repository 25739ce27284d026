package io.millrace.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Exceptions in the delivery of the hub's messages to a subscriber (a webhook or Kafka message set
 * aside after failing, an ERP delivery the ERP refused). They are listed by {@code GET
 * /api/v1/exceptions} beside the events' own exceptions and retried by {@code POST
 * /api/v1/exceptions/{id}/retry}; every bean of this type is asked.
 */
public interface DeliveryExceptions {

    /**
     * One delivery exception: the message's event ({@code trackingId}, may be null for a message of
     * no event), the subscriber, why ({@code reason}, {@code message}: the subscriber's answer),
     * and its status as the exception queue's: {@code OPEN} until it is delivered after a retry,
     * then {@code RESOLVED}; {@code decidedBy} and {@code decidedAt} name the retry.
     */
    record Item(UUID id, UUID trackingId, String type, String plant, String subscriber, String reason,
                String message, Instant raisedAt, String status, String decidedBy, Instant decidedAt) {
    }

    String OPEN = "OPEN";
    String RESOLVED = "RESOLVED";

    /** The exceptions with the status (all when null), newest first. */
    List<Item> list(String status, int offset, int limit);

    long count(String status);

    Optional<Item> find(UUID id);

    /**
     * An operator's retry: the exception's message is delivered again (in the background); the
     * exception as it stands, empty when none of this kind has the id. Audited.
     */
    Optional<Item> retry(UUID id, String actor);
}
