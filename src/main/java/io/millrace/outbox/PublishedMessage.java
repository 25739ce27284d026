package io.millrace.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A sequenced outbox message as other modules read it: {@code data} is the JSON text of its
 * CloudEvents data; {@code correlationId} and {@code traceparent} (null when none) are its
 * event's, for work done on it later to be in that event's trace and log context.
 */
public record PublishedMessage(long position, UUID eventId, String type, String plant, UUID trackingId, Instant time,
                               String data, String correlationId, String traceparent) {
}
