package io.millrace.accounting.replay;

import io.millrace.accounting.books.InMemoryBooks;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.EventHistory;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scratch books that events are replayed into, in acceptance order. An event that would wait is
 * kept aside and tried again, in acceptance order, after every later posting, as the hub's
 * pipeline does; all periods are open. Nothing here reaches the real books.
 */
public final class ShadowLedger {

    /** One accepted event to replay. */
    public record Replayed(EventContext context, ManufacturingEvent event) {
    }

    private final InMemoryBooks books = new InMemoryBooks();
    private final EventHistory history = new EventHistory();
    private final PostingEngine engine;
    private final List<Replayed> waiting = new ArrayList<>();
    private int posted;
    private int refused;

    public ShadowLedger(MasterData master, PostingSettings settings) {
        this.engine = new PostingEngine(master, books, settings, history);
    }

    /** Applies one event, then whatever was waiting and can post now. */
    public void replay(Replayed replayed) {
        if (apply(replayed) instanceof Outcome.Parked) {
            waiting.add(replayed);
            return;
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Iterator<Replayed> it = waiting.iterator(); it.hasNext(); ) {
                Outcome outcome = apply(it.next());
                if (!(outcome instanceof Outcome.Parked)) {
                    it.remove();
                    progress = true;
                }
            }
        }
    }

    private Outcome apply(Replayed replayed) {
        Outcome outcome = engine.apply(replayed.context(), replayed.event());
        history.record(replayed.context(), replayed.event(), outcome);
        if (outcome instanceof Outcome.Posted) {
            posted++;
        } else if (outcome instanceof Outcome.Rejected) {
            refused++;
        }
        return outcome;
    }

    public InMemoryBooks books() {
        return books;
    }

    public int posted() {
        return posted;
    }

    public int refused() {
        return refused;
    }

    /** Events still waiting at the end (what they wait for did not come in the replayed range). */
    public int waiting() {
        return waiting.size();
    }
}
