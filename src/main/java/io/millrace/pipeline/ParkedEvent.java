package io.millrace.pipeline;

import java.time.Instant;
import java.util.Set;

/**
 * A parked event: why it last failed, what it waits for (dependency keys, or {@code done:<trackingId>}
 * of the earlier events of its key it waits behind), when it was first parked and how often it was
 * tried.
 */
record ParkedEvent(Decoded decoded, Reason reason, String message, Set<String> waitingFor, Instant parkedAt,
                   int attempts) {

    ParkedEvent {
        waitingFor = Set.copyOf(waitingFor);
    }

    long position() {
        return decoded.position();
    }
}
