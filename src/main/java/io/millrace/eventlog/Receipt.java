package io.millrace.eventlog;

import java.util.UUID;

/** What the producer learns about one event of an append. */
public record Receipt(String source, String id, UUID trackingId, Status status) {

    public enum Status {
        /** Newly appended under {@code trackingId}. */
        ACCEPTED,
        /** Appended before with identical content; {@code trackingId} is the original one. */
        DUPLICATE
    }
}
