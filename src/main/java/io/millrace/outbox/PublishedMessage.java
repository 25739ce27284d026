package io.millrace.outbox;

import java.time.Instant;
import java.util.UUID;

/** A sequenced outbox message as other modules read it: {@code data} is the JSON text of its CloudEvents data. */
public record PublishedMessage(long position, UUID eventId, String type, String plant, UUID trackingId, Instant time,
                               String data) {
}
