package io.millrace.observability;

/** The two stretches of an event's way that have a service level. */
public enum SlaMeasure {
    /** From the 202 at intake to the journal entries committed. */
    ACCEPTED_TO_POSTED,
    /** From the journal entries committed to the move posted in the ERP of record. */
    POSTED_TO_ERP
}
