package io.millrace.pipeline;

import io.millrace.eventlog.EventState;
import io.millrace.eventlog.StateChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything one applying transaction decided, written at its end in batches: the events' state
 * changes (net, per event), lineage steps, movements, exceptions, parked rows and publications,
 * plus what the metrics record once it has committed.
 */
final class BatchWork {

    /** An outcome to count once the transaction committed; {@code reason} is null for a posting. */
    record Counted(String outcome, String plant, String type, Reason reason, Instant eventTime, Instant acceptedAt) {
    }

    private final Map<UUID, EventState[]> states = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    final List<PipelineStore.MovementRow> movements = new ArrayList<>();
    /** Exceptions raised in this transaction, and every exception's latest state, by id. */
    private final Set<UUID> raised = new HashSet<>();
    private final Map<UUID, ExceptionItem> exceptions = new LinkedHashMap<>();
    final Set<UUID> parkedTouched = new HashSet<>();
    final List<Publications.Publication> publications = new ArrayList<>();
    final List<Counted> counted = new ArrayList<>();
    private final Map<UUID, Integer> posted = new HashMap<>();
    /** The inventory movements of the events posted in this transaction, for a reversal in it. */
    final Map<UUID, List<io.millrace.accounting.posting.InventoryMovement>> postedMovements = new HashMap<>();

    /** The state this transaction moved the event to, if it moved it. */
    java.util.Optional<EventState> currentState(UUID trackingId) {
        EventState[] change = states.get(trackingId);
        return change == null ? java.util.Optional.empty() : java.util.Optional.of(change[1]);
    }

    void state(UUID trackingId, EventState from, EventState to) {
        EventState[] change = states.get(trackingId);
        if (change == null) {
            states.put(trackingId, new EventState[] {from, to});
        } else {
            change[1] = to;
        }
    }

    /** A new exception, written with the batch. */
    void raised(ExceptionItem item) {
        raised.add(item.id());
        exceptions.put(item.id(), item);
    }

    /** An exception decided or retried: its new state, written with the batch. */
    void exception(ExceptionItem item) {
        exceptions.put(item.id(), item);
    }

    List<ExceptionItem> raisedExceptions() {
        return exceptions.values().stream().filter(e -> raised.contains(e.id())).toList();
    }

    List<ExceptionItem> changedExceptions() {
        return exceptions.values().stream().filter(e -> !raised.contains(e.id())).toList();
    }

    /** Guards exactly-once inside one transaction: an event posts at most once. */
    void posted(UUID trackingId) {
        if (posted.merge(trackingId, 1, Integer::sum) > 1) {
            throw new IllegalStateException("event " + trackingId + " would post twice");
        }
    }

    List<StateChange> stateChanges() {
        List<StateChange> changes = new ArrayList<>(states.size());
        states.forEach((id, c) -> {
            if (c[0] != c[1]) {
                changes.add(new StateChange(id, c[0], c[1]));
            }
        });
        return changes;
    }

    boolean isEmpty() {
        return states.isEmpty() && steps.isEmpty() && parkedTouched.isEmpty() && publications.isEmpty()
                && exceptions.isEmpty();
    }
}
