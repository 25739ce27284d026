package io.millrace.eventlog;

/** Where an accepted event stands in processing. */
public enum EventState {
    /** Accepted, not yet processed. */
    PENDING,
    /** Waiting for something it depends on (an earlier event, master data). */
    PARKED,
    /** Its accounting and inventory effects are posted. */
    POSTED,
    /** Processing failed for a business reason; it waits in the exception queue. */
    EXCEPTION,
    /** It posted, and a later reversal took its postings back. */
    REVERSED
}
