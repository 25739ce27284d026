package io.millrace.eventlog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable log of accepted events. Implementations make an append durable before it returns,
 * so that a receipt handed to a producer always names an event that survives a crash.
 */
public interface EventLog {

    /**
     * Appends a batch atomically. An event whose {@code (source, id)} is already in the log (or
     * earlier in the batch) with identical content gets a {@code DUPLICATE} receipt carrying the
     * original tracking id; with different content the whole batch is refused as
     * {@link AppendResult.Conflicting}.
     */
    AppendResult append(List<NewEvent> batch);

    Optional<LoggedEvent> find(UUID trackingId);

    /** The events of these tracking ids that the log holds, in acceptance order; unknown ids are left out. */
    List<LoggedEvent> findAll(Collection<UUID> trackingIds);

    /**
     * The processing states of the events of these tracking ids that the log holds; unknown ids are
     * left out. Cheaper than {@link #findAll} when the events themselves are known already.
     */
    Map<UUID, EventState> states(Collection<UUID> trackingIds);

    /** Events with a position greater than {@code afterPosition}, in acceptance order. */
    List<LoggedEvent> readAfter(long afterPosition, int limit);

    Backlog backlog();

    /**
     * Moves events between processing states in one batch. Runs inside the caller's current
     * Spring-managed transaction when there is one (so the states commit with the postings that
     * decided them), otherwise in its own. Fails with {@link EventLogFailure} when an event is not
     * in the state its change names: another processor moved it first.
     */
    void transition(List<StateChange> changes);
}
