package io.millrace.eventlog;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the log holds it. {@code position} grows strictly in acceptance order;
 * {@code json} is the accepted event.
 */
public record LoggedEvent(long position, UUID trackingId, String source, String id, String type,
                          String plant, String subject, String businessKey, String correlationId,
                          Instant eventTime, Instant acceptedAt, String producerKeyId, String json,
                          EventState state) {

    /** The same event in another processing state, as a later read of the log would show it. */
    public LoggedEvent withState(EventState newState) {
        return new LoggedEvent(position, trackingId, source, id, type, plant, subject, businessKey, correlationId,
                eventTime, acceptedAt, producerKeyId, json, newState);
    }
}
