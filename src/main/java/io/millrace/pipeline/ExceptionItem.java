package io.millrace.pipeline;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of the exception queue: the event, the reason it last failed with, and the operator
 * decision once there is one ({@code status} OPEN, RESOLVED, APPROVED or DISCARDED).
 */
public record ExceptionItem(UUID id, UUID trackingId, long position, String type, String plant, String reason,
                            String message, Instant raisedAt, String status, String decidedBy, Instant decidedAt) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    public static final String APPROVED = "APPROVED";
    public static final String DISCARDED = "DISCARDED";

    boolean open() {
        return OPEN.equals(status);
    }

    ExceptionItem withReason(String newReason, String newMessage) {
        return new ExceptionItem(id, trackingId, position, type, plant, newReason, newMessage, raisedAt, status,
                decidedBy, decidedAt);
    }

    ExceptionItem decided(String newStatus, String actor, Instant at) {
        return new ExceptionItem(id, trackingId, position, type, plant, reason, message, raisedAt, newStatus, actor,
                at);
    }
}
