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
     * It kept failing and was set aside (a dead letter, a delivery exception) so that the messages
     * behind it go on; it waits for an operator's retry.
     */
    SET_ASIDE,
    /** It waits behind a message of the same subject that was set aside, and is sent after it. */
    HELD,
    /**
     * The subscriber's progress passed it while it did not subscribe to its type (its type list
     * was changed since): it was not sent.
     */
    SKIPPED
}
