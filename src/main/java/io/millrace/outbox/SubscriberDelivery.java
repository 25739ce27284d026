package io.millrace.outbox;

import java.time.Instant;

/**
 * The delivery of one message to one subscriber: {@code deliveredAt} when delivered;
 * {@code attempts} and {@code lastError} of the failing attempts while it fails.
 */
public record SubscriberDelivery(String subscriber, DeliveryStatus status, Instant deliveredAt, int attempts,
                                 String lastError) {
}
