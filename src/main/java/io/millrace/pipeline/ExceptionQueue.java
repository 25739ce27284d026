package io.millrace.pipeline;

import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.audit.AuditTrail;
import io.millrace.accounting.posting.ReasonCode;
import io.millrace.eventlog.EventState;
import io.millrace.web.ApiProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The exception queue and its operator decisions: retry (apply again now), approve (post an
 * invoice despite a failed three-way match, attributed to the operator) and discard (close it; the
 * event stays in state EXCEPTION). Each decision is one applying transaction ({@link Decisions}), so
 * it is serialized with the applier of the event's key and its postings release parked events at once.
 */
public class ExceptionQueue {

    /** Reasons retried automatically when master data changes: an unknown master-data reference. */
    static final Set<Reason> MASTER_DATA_REASONS = Arrays.stream(ReasonCode.values())
            .filter(c -> c.name().startsWith("UNKNOWN_") || c == ReasonCode.EXCHANGE_RATE_MISSING).map(Reason::of)
            .collect(Collectors.toUnmodifiableSet());

    /** A page of the queue. */
    public record Page(List<ExceptionItem> items, long total) {
    }

    private final Decisions decisions;
    private final PipelineStore store;
    private final AuditTrail audit;

    ExceptionQueue(Decisions decisions, PipelineStore store, AuditTrail audit) {
        this.decisions = decisions;
        this.store = store;
        this.audit = audit;
    }

    public Page list(String status, int offset, int limit) {
        return new Page(store.exceptions(status, offset, limit), store.countExceptions(status));
    }

    /** A page of the exceptions matching the filter, newest first, with the number that match. */
    public Page find(ExceptionFilter filter, int offset, int limit) {
        return new Page(store.exceptions(filter, offset, limit), store.countExceptions(filter));
    }

    public java.util.Optional<ExceptionItem> find(UUID id) {
        return store.exception(id);
    }

    /** Every exception an event has had, oldest first, with the decision taken on each: its decision history. */
    public List<ExceptionItem> history(UUID trackingId) {
        return store.exceptionsOf(trackingId);
    }

    /** True when an event's exception has this id (whatever its status). */
    public boolean holds(UUID id) {
        return store.exception(id).isPresent();
    }

    public ExceptionItem retry(UUID id, String actor) {
        UUID trackingId = open(id).trackingId();
        return decisions.decide(trackingId, applier -> {
            ExceptionItem item = open(id);
            return audited(actor, "exception.retried", item, applier.retryException(item, event(item), actor));
        });
    }

    public ExceptionItem approve(UUID id, String actor) {
        UUID trackingId = approvable(open(id)).trackingId();
        return decisions.decide(trackingId, applier -> {
            ExceptionItem item = approvable(open(id));
            Decoded event = event(item);
            if (!(event.event() instanceof InvoiceReceived)) {
                throw conflict(item, "Only invoices can be approved; this exception is of a " + item.type() + " event.");
            }
            return audited(actor, "exception.approved", item, applier.approve(item, event, actor));
        });
    }

    public ExceptionItem discard(UUID id, String actor) {
        UUID trackingId = open(id).trackingId();
        return decisions.decide(trackingId, applier -> {
            ExceptionItem item = open(id);
            return audited(actor, "exception.discarded", item, applier.discard(item, event(item), actor));
        });
    }

    /** Recorded inside the decision's transaction, so a decision and its audit record commit together. */
    private ExceptionItem audited(String actor, String action, ExceptionItem before, ExceptionItem after) {
        audit.record(actor, action, "exception:" + before.id(), before, after);
        return after;
    }

    private ExceptionItem open(UUID id) {
        ExceptionItem item = store.exception(id)
                .orElseThrow(() -> ApiProblem.notFound("No exception with id '" + id + "'."));
        if (!item.open()) {
            throw conflict(item, "Exception " + id + " is " + item.status() + " (by " + item.decidedBy()
                    + "); only an OPEN exception can be acted on.");
        }
        return item;
    }

    private static ExceptionItem approvable(ExceptionItem item) {
        if (!item.reason().approvable()) {
            throw conflict(item, "An exception with reason " + item.reason().name() + " cannot be approved; only a "
                    + "failed three-way match (THREE_WAY_MATCH_FAILED, INVOICE_QUANTITY_NOT_RECEIVED) can.");
        }
        return item;
    }

    private Decoded event(ExceptionItem item) {
        Decoded event = decisions.decodedEvent(item.trackingId())
                .orElseThrow(() -> new IllegalStateException("event " + item.trackingId() + " is not in the log"));
        if (event.logged().state() != EventState.EXCEPTION) {
            throw conflict(item, "The event of exception " + item.id() + " is " + event.logged().state() + ".");
        }
        return event;
    }

    private static ApiProblem conflict(ExceptionItem item, String detail) {
        return ApiProblem.conflict(detail, Map.of("exceptionId", item.id().toString(),
                "exceptionStatus", item.status().name(), "reason", item.reason().name()));
    }
}
