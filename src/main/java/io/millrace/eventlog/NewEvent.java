package io.millrace.eventlog;

import java.time.Instant;
import java.util.Objects;

/**
 * An event to append, already validated. {@code json} is the event exactly as it will be stored
 * and served back; {@code contentHash} a digest of it that makes duplicate detection cheap.
 * {@code correlationId} defaults to the business key.
 */
public record NewEvent(String source, String id, String type, String plant, String subject,
                       String businessKey, String correlationId, Instant eventTime,
                       String producerKeyId, String json, String contentHash) {

    public NewEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(producerKeyId, "producerKeyId");
        Objects.requireNonNull(json, "json");
        if (correlationId == null) {
            correlationId = businessKey;
        }
        if (contentHash == null) {
            contentHash = Digests.sha256Hex(json);
        }
    }

    public static NewEvent of(String source, String id, String type, String plant, String subject,
                              String businessKey, String correlationId, Instant eventTime,
                              String producerKeyId, String json) {
        return new NewEvent(source, id, type, plant, subject, businessKey, correlationId, eventTime,
                producerKeyId, json, null);
    }

    /** The idempotency key as one fixed-width, unambiguous digest of {@code (source, id)}. */
    public java.util.UUID idempotencyKey() {
        return idempotencyKey(source, id);
    }

    public static java.util.UUID idempotencyKey(String source, String id) {
        return Digests.sha256Uuid(source.length() + ":" + source + id);
    }
}
