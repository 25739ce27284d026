package io.millrace.outbox;

import java.time.Instant;

/**
 * The stored progress of one subscriber (see the outbox_subscriber table); {@code countedFailures}
 * and {@code failingSince} count the head's failures in a row that were not unavailability.
 */
record SubscriberProgress(String name, long deliveredPosition, long deliveredCount, Long failingThrough,
                          int attempts, String lastError, Instant lastAttemptAt, String leaseOwner,
                          Instant leaseUntil, Instant failingSince, int countedFailures) {
}
