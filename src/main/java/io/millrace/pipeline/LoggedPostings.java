package io.millrace.pipeline;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.posting.InventoryMovement;
import io.millrace.accounting.posting.PostedEvents;
import io.millrace.accounting.posting.ReversalTarget;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The events a reversal names, as one applying transaction sees them: the log's record and
 * state, overlaid with what this transaction decided so far, and the inventory movements each
 * posting made (from the pipeline's movement rows, or from this transaction's postings).
 */
final class LoggedPostings implements PostedEvents {

    private final EventLog log;
    private final PipelineStore store;
    private final BatchWork batch;
    private final EventDecoder decoder;

    LoggedPostings(EventLog log, PipelineStore store, BatchWork batch, EventDecoder decoder) {
        this.decoder = decoder;
        this.log = log;
        this.store = store;
        this.batch = batch;
    }

    @Override
    public Optional<ReversalTarget> find(String trackingId) {
        UUID id;
        try {
            id = UUID.fromString(trackingId);
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        Optional<LoggedEvent> logged = log.find(id);
        if (logged.isEmpty()) {
            return Optional.empty();
        }
        EventState state = batch.currentState(id).orElse(logged.get().state());
        Decoded decoded;
        try {
            decoded = decoder.decode(logged.get());
        } catch (EventDecoder.UndecodableEvent ex) {
            return Optional.of(new ReversalTarget(EventDecoder.context(logged.get()), null,
                    ReversalTarget.Standing.FAILED, List.of()));
        }
        List<InventoryMovement> movements = state == EventState.POSTED ? movements(id) : List.of();
        return Optional.of(new ReversalTarget(decoded.context(), decoded.event(), standing(state), movements));
    }

    private List<InventoryMovement> movements(UUID id) {
        List<InventoryMovement> inThisBatch = batch.postedMovements.get(id);
        if (inThisBatch != null) {
            return inThisBatch;
        }
        return store.movements(id).stream().map(m -> new InventoryMovement(new StockKey(m.plant(), m.location(),
                m.item(), m.lot(), StockStatus.valueOf(m.status())), m.quantity(), id.toString())).toList();
    }

    private static ReversalTarget.Standing standing(EventState state) {
        return switch (state) {
            case PENDING, PARKED -> ReversalTarget.Standing.WAITING;
            case POSTED -> ReversalTarget.Standing.POSTED;
            case EXCEPTION -> ReversalTarget.Standing.FAILED;
            case REVERSED -> ReversalTarget.Standing.REVERSED;
        };
    }
}
