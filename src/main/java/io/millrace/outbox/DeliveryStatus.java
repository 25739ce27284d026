package io.millrace.outbox;

/** Where a message stands with one subscriber. */
public enum DeliveryStatus {
    /** Not delivered yet and not being retried. */
    PENDING,
    /** Acknowledged by the subscriber with a 2xx answer. */
    DELIVERED,
    /** The last attempt(s) to deliver it failed; it is retried with backoff. */
    FAILED,
    /**
     * The subscriber's progress passed it while it did not subscribe to its type (its type list
     * was changed since): it was not sent.
     */
    SKIPPED
}
