package io.millrace.accounting.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of an accepted event as the core needs it: who sent it, which plant it belongs
 * to, when it happened ({@code eventTime}, decides the period) and when the hub accepted it.
 * {@code actor} is who the posting is attributed to: the producing credential, or the operator
 * who approved an exception.
 */
public record EventContext(String trackingId, String source, String eventId, String type, String plant,
                           String subject, String correlationId, Instant eventTime, Instant acceptedAt,
                           String actor) {
    public EventContext {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    /** The same event attributed to another actor, e.g. the operator approving it. */
    public EventContext withActor(String newActor) {
        return new EventContext(trackingId, source, eventId, type, plant, subject, correlationId, eventTime,
                acceptedAt, newActor);
    }
}
