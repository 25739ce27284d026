package io.millrace.accounting;

import io.millrace.accounting.books.InMemoryBooks;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.posting.EventHistory;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An engine over in-memory books, numbering the events it applies. */
final class Harness {

    final InMemoryMasterData master;
    final InMemoryBooks books = new InMemoryBooks();
    final EventHistory history = new EventHistory();
    final PostingEngine engine;
    private int count;
    private Instant start = WorkedExample.START;

    Harness(InMemoryMasterData master, PostingSettings settings) {
        this.master = master;
        this.engine = new PostingEngine(master, books, settings, history);
    }

    Harness() {
        this(WorkedExample.masterData(), PostingSettings.defaults());
    }

    Harness startingAt(Instant time) {
        this.start = time;
        return this;
    }

    EventContext next(String plant, ManufacturingEvent event) {
        return WorkedExample.context(plant, event, ++count, start);
    }

    Outcome apply(ManufacturingEvent event) {
        return apply("P100", event);
    }

    Outcome apply(String plant, ManufacturingEvent event) {
        EventContext context = next(plant, event);
        Outcome outcome = engine.apply(context, event);
        history.record(context, event, outcome);
        return outcome;
    }

    /** The tracking id the next event applied will get. */
    String nextTrackingId() {
        return "T-" + (count + 1);
    }

    Outcome.Posted post(ManufacturingEvent event) {
        return post("P100", event);
    }

    Outcome.Posted post(String plant, ManufacturingEvent event) {
        Outcome outcome = apply(plant, event);
        if (!(outcome instanceof Outcome.Posted posted)) {
            throw new AssertionError("expected " + event + " to post, got " + outcome);
        }
        return posted;
    }

    /** Receives every transfer in transit in its receiving plant, as the hub's transit receipts do. */
    List<Outcome.Posted> receiveTransfersInTransit() {
        List<Outcome.Posted> received = new ArrayList<>();
        for (TransferInTransit transfer : books.transfersInTransit().all()) {
            received.add(post(transfer.toPlant(), Transfers.received(transfer, master)));
        }
        return received;
    }

    Invariants invariants() {
        return new Invariants(master, AccountDetermination.defaults());
    }
}
