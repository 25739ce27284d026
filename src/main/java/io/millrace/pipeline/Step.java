package io.millrace.pipeline;

import java.time.Instant;
import java.util.UUID;

/** One processing step of an event, for its lineage; {@code reason} null on steps without one (posted, reversed). */
record Step(UUID trackingId, Kind kind, Instant at, Reason reason, String message, String actor) {

    /** What happened to the event; the name is what its lineage shows. */
    enum Kind {
        PARKED,
        POSTED,
        EXCEPTION_RAISED,
        RETRIED,
        APPROVED,
        DISCARDED,
        PARK_WINDOW_EXPIRED,
        /** On a reversed event: which reversal took its postings back, and why. */
        REVERSED,
        /** On a reversal: the event whose postings it took back. */
        REVERSES
    }
}
