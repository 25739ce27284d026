package io.millrace.accounting.posting;

import java.util.Optional;

/**
 * The port through which a reversal finds the event it reverses: the event log and its
 * processing record in the hub, {@link EventHistory} in memory.
 */
@FunctionalInterface
public interface PostedEvents {

    /** The accepted event with this tracking id, empty when there is none. */
    Optional<ReversalTarget> find(String trackingId);

    /** No events at all: every reversal is refused as unknown. */
    static PostedEvents none() {
        return trackingId -> Optional.empty();
    }
}
