package io.millrace.erp;

import io.millrace.eventlog.EventTracing;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The delivery of one journal entry into the ERP: the entry (its outbox {@code data}), where it
 * stands, the reference its ERP move carries, the ERP move once delivered, and the failed
 * attempts and last error while it is not; the correlation id and W3C traceparent (null when none)
 * of the entry's event, so that delivering it is in that event's trace and log context.
 */
public record Delivery(long seq, String entryId, long position, UUID trackingId, String plant, LocalDate postingDate,
                       String data, DeliveryState state, String reference, Long moveId, String moveNumber,
                       int attempts, String lastError, Instant createdAt, Instant updatedAt, String correlationId,
                       String traceparent) {

    /** The entry's event, as the tracing of its delivery needs it. */
    EventTracing.Source traceSource() {
        return new EventTracing.Source(trackingId, correlationId, traceparent);
    }

    /** Where a delivery stands. */
    public enum DeliveryState {
        /** Waiting to be delivered (or summarised), or being retried after the ERP was unavailable. */
        PENDING,
        /** Posted in the ERP as {@code moveNumber}. */
        DELIVERED,
        /** The ERP refused it for a business reason; it waits for an operator's retry. */
        REFUSED
    }
}
