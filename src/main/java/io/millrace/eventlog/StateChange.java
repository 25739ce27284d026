package io.millrace.eventlog;

import java.util.Objects;
import java.util.UUID;

/** One event moving from the state it must be in ({@code from}) to another one ({@code to}). */
public record StateChange(UUID trackingId, EventState from, EventState to) {
    public StateChange {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
