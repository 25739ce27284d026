package io.millrace.outbox;

import java.time.Instant;
import java.util.UUID;

/** A message as the outbox table holds it; {@code data} is the JSON text, {@code position} null until sequenced. */
record StoredMessage(Long position, UUID eventId, String type, String source, String subject, String plant,
                     String correlationId, UUID trackingId, Instant time, String data) {
}
