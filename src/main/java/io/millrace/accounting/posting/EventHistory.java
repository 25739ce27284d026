package io.millrace.accounting.posting;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.ReversalRequested;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened to each applied event, in memory: for running the core alone, for the shadow
 * ledger and for tests. {@link #record} keeps it up to date from each outcome.
 */
public final class EventHistory implements PostedEvents {

    private final Map<String, ReversalTarget> events = new ConcurrentHashMap<>();

    @Override
    public Optional<ReversalTarget> find(String trackingId) {
        return Optional.ofNullable(events.get(trackingId));
    }

    /** Records the outcome of applying an event; a posted reversal marks the event it reversed. */
    public void record(EventContext context, ManufacturingEvent event, Outcome outcome) {
        if (outcome instanceof Outcome.Posted posted) {
            events.put(context.trackingId(), new ReversalTarget(context, event, ReversalTarget.Standing.POSTED,
                    posted.movements()));
            if (event instanceof ReversalRequested reversal) {
                events.computeIfPresent(reversal.trackingId(), (id, target) -> new ReversalTarget(target.context(),
                        target.event(), ReversalTarget.Standing.REVERSED, target.movements()));
            }
        } else {
            ReversalTarget.Standing standing = outcome instanceof Outcome.Parked ? ReversalTarget.Standing.WAITING
                    : ReversalTarget.Standing.FAILED;
            events.put(context.trackingId(), new ReversalTarget(context, event, standing, List.of()));
        }
    }
}
