package io.millrace.pipeline;

import java.time.Instant;
import java.util.UUID;

/** One processing step of an event, for its lineage. */
record Step(UUID trackingId, String step, Instant at, String reason, String message, String actor) {

    static final String PARKED = "PARKED";
    static final String POSTED = "POSTED";
    static final String EXCEPTION_RAISED = "EXCEPTION_RAISED";
    static final String RETRIED = "RETRIED";
    static final String APPROVED = "APPROVED";
    static final String DISCARDED = "DISCARDED";
    static final String EXPIRED = "PARK_WINDOW_EXPIRED";
    /** On a reversed event: which reversal took its postings back, and why. */
    static final String REVERSED = "REVERSED";
    /** On a reversal: the event whose postings it took back. */
    static final String REVERSES = "REVERSES";
}
