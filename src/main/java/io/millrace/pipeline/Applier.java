package io.millrace.pipeline;

import io.millrace.eventlog.EventTracing;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies events inside one transaction by the ordering rules of ADR 0004: new events in acceptance
 * order; an event of a lot key, or a closing event, waits while an earlier event of its key is
 * parked; every posting (or exception) releases keys, and the parked events waiting for one of
 * them are retried, lowest position first, until nothing more can move. Decisions go to the
 * {@link BatchWork}; the parked set is updated in memory as it goes.
 */
final class Applier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Applier.class);

    private final PostingEngine engine;
    private final ParkedEvents parked;
    private final BatchWork work;
    private final PipelineStore store;
    private final Clock clock;
    private final EventTracing tracing;
    /** The work on an event in progress: what is published for it is delivered in that work's trace. */
    private EventTracing.Scope inTrace;

    Applier(PostingEngine engine, ParkedEvents parked, BatchWork work, PipelineStore store, Clock clock,
            EventTracing tracing) {
        this.engine = engine;
        this.parked = parked;
        this.work = work;
        this.store = store;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** A new event from the log. */
    void take(Decoded event) {
        work.publications.add(new Publications.Accepted(event.logged()));
        cascade(attempt(event, EventState.PENDING, null));
    }

    /** A new event the core cannot even read: an exception at once. */
    void takeUndecodable(LoggedEvent event, String message) {
        Decoded bare = new Decoded(event, EventDecoder.context(event), null);
        work.publications.add(new Publications.Accepted(event));
        raise(bare, EventState.PENDING, Reason.Pipeline.INTERNAL_ERROR, message, null);
        cascade(Set.of(ParkedEvents.done(event.trackingId())));
    }

    /**
     * Master data changed: retries these open exceptions (those whose event the log still has), then
     * every parked event, in acceptance order; the hub is the actor.
     */
    void retryAfterMasterDataChange(List<ExceptionItem> exceptions, Function<UUID, Optional<Decoded>> events) {
        for (ExceptionItem item : exceptions) {
            events.apply(item.trackingId()).ifPresent(event -> retryException(item, event, "hub"));
        }
        retryAllParked();
    }

    /**
     * Retries these open internal errors (those still open with that reason, whose event can be
     * read), the hub being the actor; how many it retried.
     */
    int retryInternalErrors(List<ExceptionItem> due, Function<UUID, Optional<Decoded>> events) {
        int retried = 0;
        for (ExceptionItem candidate : due) {
            Optional<ExceptionItem> item = store.exception(candidate.id())
                    .filter(i -> i.open() && i.reason() == Reason.Pipeline.INTERNAL_ERROR);
            Optional<Decoded> event = item.flatMap(i -> events.apply(i.trackingId()))
                    .filter(e -> e.logged().state() == EventState.EXCEPTION);
            if (event.isPresent()) {
                retryException(item.get(), event.get(), "hub");
                retried++;
            }
        }
        return retried;
    }

    /** Retries every parked event (master data changed), in acceptance order. */
    void retryAllParked() {
        TreeSet<Long> all = new TreeSet<>();
        parked.inOrder().forEach(p -> all.add(p.position()));
        drain(all);
    }

    /** Retries these parked events (those still parked), in acceptance order, and whatever their postings release. */
    void retryParked(Collection<UUID> trackingIds) {
        TreeSet<Long> due = new TreeSet<>();
        for (UUID id : trackingIds) {
            ParkedEvent p = parked.get(id);
            if (p != null) {
                due.add(p.position());
            }
        }
        drain(due);
    }

    /** Turns the events parked at or before {@code cutoff} into exceptions with the reason they last failed with. */
    int expire(Instant cutoff) {
        int expired = 0;
        for (ParkedEvent candidate : parked.parkedAtOrBefore(cutoff)) {
            ParkedEvent current = parked.get(candidate.decoded().trackingId());
            if (current == null || current.parkedAt().isAfter(cutoff)) {
                continue;
            }
            work.steps.add(new Step(current.decoded().trackingId(), Step.Kind.PARK_WINDOW_EXPIRED, clock.instant(),
                    current.reason(), "waited longer than the park window", null));
            raise(current.decoded(), EventState.PARKED, current.reason(), current.message(), null);
            expired++;
            cascade(Set.of(ParkedEvents.done(current.decoded().trackingId())));
        }
        return expired;
    }

    /** An operator's (or the hub's own) retry of an open exception; the item as it stands afterwards. */
    ExceptionItem retryException(ExceptionItem item, Decoded event, String actor) {
        return traced("retry", event, () -> {
            Tried tried = applySafely(() -> engine.apply(event.context(), event.event()));
            return decide(item, event, tried, Step.Kind.RETRIED, ExceptionStatus.RESOLVED, actor);
        });
    }

    /** An operator's approval of an invoice whose match failed. */
    ExceptionItem approve(ExceptionItem item, Decoded event, String actor) {
        InvoiceReceived invoice = (InvoiceReceived) event.event();
        return traced("approve", event, () -> {
            Tried tried = applySafely(() -> engine.approve(event.context(), invoice, actor));
            return decide(item, event, tried, Step.Kind.APPROVED, ExceptionStatus.APPROVED, actor);
        });
    }

    ExceptionItem discard(ExceptionItem item, Decoded event, String actor) {
        Instant now = clock.instant();
        ExceptionItem decided = item.decided(ExceptionStatus.DISCARDED, actor, now);
        work.exception(decided);
        work.steps.add(new Step(item.trackingId(), Step.Kind.DISCARDED, now, item.reason(), item.message(), actor));
        work.publications.add(new Publications.ExceptionChanged(event.context(), decided, false, actor,
                traceOf(event)));
        return decided;
    }

    private ExceptionItem decide(ExceptionItem item, Decoded event, Tried tried, Step.Kind stepName,
                                 ExceptionStatus postedStatus, String actor) {
        Instant now = clock.instant();
        if (tried.outcome() instanceof Outcome.Posted posted) {
            work.steps.add(new Step(item.trackingId(), stepName, now, item.reason(), null, actor));
            post(event, EventState.EXCEPTION, posted);
            ExceptionItem decided = item.decided(postedStatus, actor, now);
            work.exception(decided);
            work.publications.add(new Publications.ExceptionChanged(event.context(), decided, false, actor,
                    traceOf(event)));
            Set<String> released = new HashSet<>(posted.changedKeys());
            cascade(released);
            return decided;
        }
        Reason reason = tried.reason();
        String message = tried.message();
        work.steps.add(new Step(item.trackingId(), stepName, now, reason, message, actor));
        ExceptionItem updated = item.withReason(reason, message);
        work.exception(updated);
        return updated;
    }

    /** One attempt at an event, in its trace and with its ids in the log context. */
    private Set<String> attempt(Decoded event, EventState from, ParkedEvent previous) {
        return traced("apply", event, () -> {
            Set<String> released = attemptTraced(event, from, previous);
            if (LOG.isDebugEnabled()) {
                LOG.debug("Applied {} ({}): {}", event.logged().type(), event.trackingId(),
                        released.isEmpty() ? "waits" : "done");
            }
            return released;
        });
    }

    /** Does {@code body} in the event's trace and log context. */
    private <T> T traced(String work, Decoded event, java.util.function.Supplier<T> body) {
        EventTracing.Scope outer = inTrace;
        try (EventTracing.Scope scope = tracing.open(work, event.logged())) {
            inTrace = scope;
            return body.get();
        } finally {
            inTrace = outer;
        }
    }

    /** The trace what is published for the event is delivered in: the work on it in progress, else its own. */
    private String traceOf(Decoded event) {
        return inTrace != null ? inTrace.traceparent() : EventTracing.traceparent(event.logged().json());
    }

    private Set<String> attemptTraced(Decoded event, EventState from, ParkedEvent previous) {
        if (event.waitsBehindParked()) {
            Set<String> earlier = parked.parkedBefore(event.orderingKey(), event.position());
            if (!earlier.isEmpty()) {
                park(event, from, previous, Reason.Pipeline.EARLIER_EVENT_PARKED, "waits behind " + earlier.size()
                        + " parked earlier event(s) of " + event.orderingKey(), earlier);
                return Set.of();
            }
        }
        Tried tried = applySafely(() -> engine.apply(event.context(), event.event()));
        Set<String> released = new HashSet<>();
        if (tried.outcome() instanceof Outcome.Posted posted) {
            post(event, from, posted);
            released.addAll(posted.changedKeys());
            released.add(ParkedEvents.done(event.trackingId()));
        } else if (tried.outcome() instanceof Outcome.Parked waiting) {
            park(event, from, previous, Reason.of(waiting.reason()), waiting.message(), waiting.waitingFor());
        } else {
            raise(event, from, tried.reason(), tried.message(), null);
            released.add(ParkedEvents.done(event.trackingId()));
        }
        return released;
    }

    /** The outcome of the core, or (outcome null) the message of an unexpected failure of the event's own. */
    private record Tried(Outcome outcome, String internalError) {

        Reason reason() {
            if (outcome instanceof Outcome.Parked p) {
                return Reason.of(p.reason());
            }
            if (outcome instanceof Outcome.Rejected r) {
                return Reason.of(r.reason());
            }
            return outcome == null ? Reason.Pipeline.INTERNAL_ERROR : null;
        }

        String message() {
            if (outcome instanceof Outcome.Parked p) {
                return p.message();
            }
            if (outcome instanceof Outcome.Rejected r) {
                return r.message();
            }
            return internalError;
        }
    }

    /** A failure of the core that is not the database's is the event's own: it becomes an internal error. */
    private static Tried applySafely(java.util.function.Supplier<Outcome> apply) {
        try {
            return new Tried(apply.get(), null);
        } catch (RuntimeException ex) {
            if (Failures.isStorage(ex)) {
                throw ex;
            }
            return new Tried(null, Failures.describe(ex));
        }
    }

    private void cascade(Collection<String> released) {
        if (!released.isEmpty()) {
            drain(new TreeSet<>(parked.waitingForAny(released)));
        }
    }

    private void drain(TreeSet<Long> eligible) {
        while (!eligible.isEmpty()) {
            ParkedEvent candidate = parked.at(eligible.pollFirst());
            if (candidate == null) {
                continue;
            }
            Set<String> released = attempt(candidate.decoded(), EventState.PARKED, candidate);
            eligible.addAll(parked.waitingForAny(released));
        }
    }

    private void post(Decoded event, EventState from, Outcome.Posted posted) {
        UUID id = event.trackingId();
        work.posted(id);
        leaveParked(id, from);
        work.state(id, from, EventState.POSTED);
        work.steps.add(new Step(id, Step.Kind.POSTED, clock.instant(), null, posted.entries().size()
                + " journal entries, " + posted.movements().size() + " inventory movements", null));
        int line = 1;
        for (io.millrace.accounting.posting.InventoryMovement m : posted.movements()) {
            work.movements.add(new PipelineStore.MovementRow(id, line++, m));
        }
        work.postedMovements.put(id, posted.movements());
        if (event.event() instanceof ReversalRequested reversal) {
            UUID target = UUID.fromString(reversal.trackingId());
            Instant now = clock.instant();
            work.state(target, EventState.POSTED, EventState.REVERSED);
            work.steps.add(new Step(target, Step.Kind.REVERSED, now, null, "reversed by " + id + ": "
                    + reversal.reason(), event.context().actor()));
            work.steps.add(new Step(id, Step.Kind.REVERSES, now, null, "reverses " + target + ": "
                    + reversal.reason(), event.context().actor()));
        }
        if (!posted.messages().isEmpty()) {
            work.publications.add(new Publications.Posted(event.context(), posted.messages(), traceOf(event)));
        }
        work.counted.add(new BatchWork.Counted("posted", event.logged().plant(), event.logged().type(), null,
                event.logged().eventTime(), event.logged().acceptedAt()));
    }

    private void park(Decoded event, EventState from, ParkedEvent previous, Reason reason, String message,
                      Set<String> waitingFor) {
        Instant now = clock.instant();
        ParkedEvent parkedEvent = new ParkedEvent(event, reason, message, waitingFor,
                previous == null ? now : previous.parkedAt(), previous == null ? 1 : previous.attempts() + 1);
        parked.put(parkedEvent);
        work.parkedTouched.add(event.trackingId());
        work.state(event.trackingId(), from, EventState.PARKED);
        if (previous == null || !previous.reason().equals(reason)) {
            work.steps.add(new Step(event.trackingId(), Step.Kind.PARKED, now, reason, message, null));
        }
        if (previous == null) {
            work.counted.add(new BatchWork.Counted("parked", event.logged().plant(), event.logged().type(), reason,
                    null, null));
        }
    }

    private void raise(Decoded event, EventState from, Reason reason, String message, String actor) {
        UUID id = event.trackingId();
        leaveParked(id, from);
        work.state(id, from, EventState.EXCEPTION);
        Instant now = clock.instant();
        LoggedEvent logged = event.logged();
        ExceptionItem item = new ExceptionItem(UUID.randomUUID(), id, logged.position(), logged.type(), logged.plant(),
                reason, message, now, ExceptionStatus.OPEN, null, null);
        work.raised(item);
        work.steps.add(new Step(id, Step.Kind.EXCEPTION_RAISED, now, reason, message, actor));
        work.publications.add(new Publications.ExceptionChanged(event.context(), item, true, actor, traceOf(event)));
        work.counted.add(new BatchWork.Counted("exception", logged.plant(), logged.type(), reason, null, null));
    }

    private void leaveParked(UUID id, EventState from) {
        if (from == EventState.PARKED) {
            parked.remove(id);
            work.parkedTouched.add(id);
        }
    }
}
