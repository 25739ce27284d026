package io.millrace.outbox;

import io.millrace.accounting.event.EventContext;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code mfg.integration.exception.raised} and {@code ...resolved} messages: the exception
 * queue's entry for an accepted event, with its reason code, message, status and the actor who
 * raised or resolved it. The CloudEvents subject and correlation id are the event's.
 */
public final class ExceptionEvents {

    public static final String RAISED = "mfg.integration.exception.raised";
    public static final String RESOLVED = "mfg.integration.exception.resolved";

    private ExceptionEvents() {
    }

    /** The exception of an event was raised (or parked events timed out into one). */
    public static OutboxMessage raised(EventContext event, String exceptionId, String reasonCode, String message,
                                       String status, String actor) {
        return of(RAISED, event, exceptionId, reasonCode, message, status, actor);
    }

    /** The exception was resolved: retried and posted, approved, or discarded ({@code status} says which). */
    public static OutboxMessage resolved(EventContext event, String exceptionId, String reasonCode, String message,
                                         String status, String actor) {
        return of(RESOLVED, event, exceptionId, reasonCode, message, status, actor);
    }

    /** As {@link #raised(EventContext, String, String, String, String, String)} from the event's keys alone. */
    public static OutboxMessage raised(UUID trackingId, String plant, String subject, String correlationId,
                                       String exceptionId, String reasonCode, String message, String status,
                                       String actor) {
        return of(RAISED, trackingId, plant, subject, correlationId, exceptionId, reasonCode, message, status, actor);
    }

    /** As {@link #resolved(EventContext, String, String, String, String, String)} from the event's keys alone. */
    public static OutboxMessage resolved(UUID trackingId, String plant, String subject, String correlationId,
                                         String exceptionId, String reasonCode, String message, String status,
                                         String actor) {
        return of(RESOLVED, trackingId, plant, subject, correlationId, exceptionId, reasonCode, message, status,
                actor);
    }

    private static OutboxMessage of(String type, EventContext event, String exceptionId, String reasonCode,
                                    String message, String status, String actor) {
        return of(type, Outbox.trackingId(event), event.plant(), event.subject(), event.correlationId(), exceptionId,
                reasonCode, message, status, actor);
    }

    private static OutboxMessage of(String type, UUID trackingId, String plant, String subject, String correlationId,
                                    String exceptionId, String reasonCode, String message, String status,
                                    String actor) {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(exceptionId, "exceptionId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(status, "status");
        ObjectNode data = OutboxJson.object();
        data.put("trackingId", trackingId.toString());
        data.put("exceptionId", exceptionId);
        data.put("reasonCode", reasonCode);
        OutboxJson.putIfPresent(data, "message", message);
        data.put("status", status);
        OutboxJson.putIfPresent(data, "actor", actor);
        return new OutboxMessage(type, subject, plant, correlationId, trackingId, data);
    }
}
