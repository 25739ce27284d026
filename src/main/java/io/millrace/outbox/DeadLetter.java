package io.millrace.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A message one subscriber does not get in position order (see the outbox_dead_letter table):
 * set aside after failing ({@code DEAD}), due again after an operator's retry ({@code RETRY}),
 * held behind a dead letter of its order key ({@code HELD}), or delivered after all
 * ({@code DELIVERED}); with the message's type, plant and tracking id.
 */
record DeadLetter(UUID id, String subscriber, long position, String orderKey, String state, String reason,
                  int attempts, String lastError, Instant deadAt, String retriedBy, Instant retriedAt,
                  Instant deliveredAt, String type, String plant, UUID trackingId) {

    static final String DEAD = "DEAD";
    static final String RETRY = "RETRY";
    static final String HELD = "HELD";
    static final String DELIVERED = "DELIVERED";
    static final String REFUSED = "SUBSCRIBER_REFUSED";
    static final String FAILED = "DELIVERY_FAILED";
}
