package io.millrace.pipeline;

import java.time.Instant;
import java.util.UUID;

/** An entry of the exception queue: the event, the reason it last failed with, and the operator decision once there is one. */
public record ExceptionItem(UUID id, UUID trackingId, long position, String type, String plant, Reason reason,
                            String message, Instant raisedAt, ExceptionStatus status, String decidedBy,
                            Instant decidedAt) {

    boolean open() {
        return status == ExceptionStatus.OPEN;
    }

    ExceptionItem withReason(Reason newReason, String newMessage) {
        return new ExceptionItem(id, trackingId, position, type, plant, newReason, newMessage, raisedAt, status,
                decidedBy, decidedAt);
    }

    ExceptionItem decided(ExceptionStatus newStatus, String actor, Instant at) {
        return new ExceptionItem(id, trackingId, position, type, plant, reason, message, raisedAt, newStatus, actor,
                at);
    }
}
