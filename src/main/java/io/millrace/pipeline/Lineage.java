package io.millrace.pipeline;

import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.ledger.LedgerQueries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The lineage of an accepted event: each processing step with its time (accepted, parked with
 * its reason, retried, posted, exception raised, approved or discarded and by whom), the journal
 * entries and inventory movements its posting caused, and every message published for it. A
 * message is shown under the last step at or before the time it was written.
 */
public class Lineage {

    /** One step. Lists are empty where the step caused nothing of the kind. */
    public record StepView(String step, Instant at, String reason, String message, String actor,
                           List<EntryView> journalEntries, List<MovementView> movements,
                           List<Publications.Published> messages) {
    }

    public record EntryView(String entryId, String plant, String period, String actor, List<LineView> lines) {
    }

    public record LineView(String account, BigDecimal debit, BigDecimal credit) {
    }

    public record MovementView(String plant, String location, String item, String lot, String status,
                               BigDecimal quantity) {
    }

    private final PipelineStore store;
    private final LedgerQueries ledger;
    private final Publications publications;

    private final List<LineageSteps> otherSteps;

    Lineage(PipelineStore store, LedgerQueries ledger, Publications publications, List<LineageSteps> otherSteps) {
        this.store = store;
        this.ledger = ledger;
        this.publications = publications;
        this.otherSteps = List.copyOf(otherSteps);
    }

    public List<StepView> of(LoggedEvent event) {
        UUID id = event.trackingId();
        List<StepView> steps = new ArrayList<>();
        steps.add(new StepView("ACCEPTED", event.acceptedAt(), null, null, "key:" + event.producerKeyId(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        for (Step s : store.steps(id)) {
            steps.add(new StepView(s.kind().name(), s.at(), s.reason() == null ? null : s.reason().name(), s.message(),
                    s.actor(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        StepView posted = steps.stream().filter(s -> s.step().equals(Step.Kind.POSTED.name())).findFirst().orElse(null);
        if (posted != null) {
            for (JournalEntry entry : ledger.journalOf(id.toString())) {
                posted.journalEntries().add(new EntryView(entry.entryId(), entry.plant(), entry.period().toString(),
                        entry.actor(), entry.lines().stream().map(Lineage::line).toList()));
            }
            for (PipelineStore.Movement m : store.movements(id)) {
                posted.movements().add(new MovementView(m.plant(), m.location(), m.item(), m.lot(), m.status(),
                        m.quantity()));
            }
        }
        for (Publications.Published message : publications.forEvent(id)) {
            stepAt(steps, message.createdAt()).messages().add(message);
        }
        if (!otherSteps.isEmpty()) {
            for (LineageSteps other : otherSteps) {
                steps.addAll(other.stepsOf(id));
            }
            steps.sort(java.util.Comparator.comparing(StepView::at, java.util.Comparator.nullsLast(
                    java.util.Comparator.naturalOrder())));
        }
        return steps;
    }

    private static StepView stepAt(List<StepView> steps, Instant at) {
        StepView found = steps.get(0);
        for (StepView step : steps) {
            if (at == null || !step.at().isAfter(at)) {
                found = step;
            }
        }
        return found;
    }

    private static LineView line(JournalLine line) {
        return new LineView(line.account(), line.debit(), line.credit());
    }
}
