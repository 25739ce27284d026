package io.millrace.pipeline;

import io.millrace.eventlog.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes what one applying transaction decided, at its end and in batches: the events' states,
 * lineage steps, movements, exceptions raised and decided, the parked rows it touched (as the
 * parked set now holds them) and the outbound messages.
 */
final class BatchWriter {

    private final EventLog log;
    private final PipelineStore store;
    private final Publications publications;

    BatchWriter(EventLog log, PipelineStore store, Publications publications) {
        this.log = log;
        this.store = store;
        this.publications = publications;
    }

    void write(BatchWork batch, ParkedEvents parked) {
        log.transition(batch.stateChanges());
        store.insertSteps(batch.steps);
        store.insertMovementRows(batch.movements);
        store.insertExceptions(batch.raisedExceptions());
        store.updateExceptions(batch.changedExceptions());
        List<ParkedEvent> stillParked = new ArrayList<>();
        for (UUID id : batch.parkedTouched) {
            ParkedEvent p = parked.get(id);
            if (p != null) {
                stillParked.add(p);
            }
        }
        store.replaceParked(batch.parkedTouched, stillParked);
        if (!batch.publications.isEmpty()) {
            publications.publish(batch.publications);
        }
    }
}
