package io.millrace.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * When the hub retries an open {@link Reason.Pipeline#INTERNAL_ERROR} exception by itself. What failed may have
 * been a passing state of the machinery or a bug fixed by an upgrade, so such an exception is
 * retried {@link #FIRST} after it was raised, then twice as long after each retry that fails again,
 * up to {@link #LONGEST}: an event that stays broken costs one retry an hour. The schedule lives
 * in memory; after a restart every open one is retried once more at the first look.
 */
final class InternalErrorRetries {

    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofHours(1);
    /** How often the open exceptions are looked up at most. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(10);

    private record Due(Instant at, Duration delay) {
    }

    private final Map<UUID, Due> schedule = new HashMap<>();
    private Instant nextLook = Instant.MIN;

    /** Whether it is time to look up the open internal errors again. */
    boolean timeToLook(Instant now) {
        if (now.isBefore(nextLook)) {
            return false;
        }
        nextLook = now.plus(LOOK_EVERY);
        return true;
    }

    /** Of the open internal errors, those due now; each is scheduled for its next retry. */
    List<ExceptionItem> due(List<ExceptionItem> open, Instant now) {
        Set<UUID> present = new HashSet<>();
        List<ExceptionItem> due = new ArrayList<>();
        for (ExceptionItem item : open) {
            present.add(item.id());
            Due next = schedule.computeIfAbsent(item.id(), id -> new Due(item.raisedAt().plus(FIRST), FIRST));
            if (!now.isBefore(next.at())) {
                due.add(item);
                Duration delay = next.delay().multipliedBy(2);
                delay = delay.compareTo(LONGEST) > 0 ? LONGEST : delay;
                schedule.put(item.id(), new Due(now.plus(delay), delay));
            }
        }
        schedule.keySet().retainAll(present); // decided or resolved meanwhile
        return due;
    }
}
