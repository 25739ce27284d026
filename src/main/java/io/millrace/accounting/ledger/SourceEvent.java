package io.millrace.accounting.ledger;

import java.util.Objects;

/** The accepted event a journal entry comes from: hub tracking id and the producer's (source, id). */
public record SourceEvent(String trackingId, String source, String eventId, String type) {
    public SourceEvent {
        Objects.requireNonNull(trackingId, "trackingId");
    }
}
