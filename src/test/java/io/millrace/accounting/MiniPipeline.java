package io.millrace.accounting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parking discipline of postings.md in a few lines, to drive the engine in tests: events
 * are applied in acceptance order; a parked event waits and is retried (in acceptance order) when
 * a posting changes a key it waits for; a closing event waits until every earlier event of its
 * business key has posted or been refused.
 */
final class MiniPipeline {

    record Accepted(EventContext context, ManufacturingEvent event) {
    }

    private final PostingEngine engine;
    private final boolean keyWaitsBehindParked;
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<Accepted> parked = new ArrayList<>();
    private final Map<String, Set<String>> waitingFor = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final Set<String> received = new HashSet<>();
    private int parkings;
    private Books books;
    private MasterData master;

    /**
     * @param keyWaitsBehindParked true: an event waits while an earlier event of its key is parked
     *                             (strict order per key); false: the events behind a parked event
     *                             go on, as postings.md describes, and only closing events wait
     */
    MiniPipeline(PostingEngine engine, boolean keyWaitsBehindParked) {
        this.engine = engine;
        this.keyWaitsBehindParked = keyWaitsBehindParked;
    }

    /**
     * Makes the pipeline receive every transfer between plants once it has shipped, as the hub's
     * transit receipts do: the receipt is accepted after the shipment posted, for the receiving plant.
     */
    MiniPipeline receivingTransfers(Books books, MasterData master) {
        this.books = books;
        this.master = master;
        return this;
    }

    void submit(Accepted event) {
        accepted.add(event);
        retry(attempt(event));
        if (books != null) {
            for (TransferInTransit transfer : books.transfersInTransit().all()) {
                if (received.add(transfer.transferTrackingId())) {
                    submit(Transfers.receipt(transfer, master));
                }
            }
        }
    }

    List<Accepted> parked() {
        return Collections.unmodifiableList(parked);
    }

    /** Parked events with what each waits for, for failure messages. */
    String describeParked() {
        StringBuilder text = new StringBuilder();
        for (Accepted event : parked) {
            text.append(event.context().trackingId()).append(' ').append(event.event()).append(" waits for ")
                    .append(waitingFor.get(event.context().trackingId())).append(" (")
                    .append(outcomes.get(event.context().trackingId())).append(")\n");
        }
        return text.toString();
    }

    /** How often an event was parked (or held back) on the way. */
    int parkings() {
        return parkings;
    }

    Map<String, Outcome> outcomes() {
        return outcomes;
    }

    private Set<String> attempt(Accepted event) {
        String id = event.context().trackingId();
        if (event.event().closing() || keyWaitsBehindParked) {
            Set<String> unfinished = new LinkedHashSet<>();
            for (Accepted earlier : accepted) {
                if (earlier == event) {
                    break;
                }
                if (earlier.event().businessKey().equals(event.event().businessKey())
                        && !done.contains(earlier.context().trackingId())) {
                    unfinished.add("done:" + earlier.context().trackingId());
                }
            }
            if (!unfinished.isEmpty()) {
                park(event, unfinished);
                return Set.of();
            }
        }
        Outcome outcome = engine.apply(event.context(), event.event());
        outcomes.put(id, outcome);
        if (outcome instanceof Outcome.Parked waiting) {
            park(event, waiting.waitingFor());
            return Set.of();
        }
        done.add(id);
        Set<String> changed = new HashSet<>();
        changed.add("done:" + id);
        if (outcome instanceof Outcome.Posted posted) {
            changed.addAll(posted.changedKeys());
        }
        return changed;
    }

    private void park(Accepted event, Set<String> keys) {
        int position = 0;
        int index = accepted.indexOf(event);
        while (position < parked.size() && accepted.indexOf(parked.get(position)) < index) {
            position++;
        }
        parked.add(position, event);
        parkings++;
        waitingFor.put(event.context().trackingId(), keys);
    }

    private void retry(Set<String> changed) {
        Set<String> current = changed;
        while (!current.isEmpty()) {
            Set<String> next = new HashSet<>();
            for (Accepted candidate : new ArrayList<>(parked)) {
                Set<String> keys = waitingFor.get(candidate.context().trackingId());
                if (!Collections.disjoint(keys, current) || !Collections.disjoint(keys, next)) {
                    parked.remove(candidate);
                    next.addAll(attempt(candidate));
                }
            }
            current = next;
        }
    }
}
