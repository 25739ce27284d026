package io.millrace.erp;

import io.millrace.audit.AuditTrail;
import io.millrace.outbox.DeliveryExceptions;
import io.millrace.web.ApiProblem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * ERP deliveries the ERP refused (closed period, unknown account or party), as delivery exceptions
 * with the ERP's message, beside the events' own: open while refused (and while a retry is
 * under way), resolved once the retried move is delivered. One per move reference, so the entries
 * of a refused summary are one exception.
 */
final class ErpDeliveryExceptions implements DeliveryExceptions {

    static final String REASON = "ERP_REFUSED";
    private static final String OPEN_FILTER = " AND (state = 'REFUSED' OR state = 'PENDING' AND retried_by IS NOT NULL)";
    private static final String RESOLVED_FILTER = " AND state = 'DELIVERED' AND retried_by IS NOT NULL";
    private static final String ANY_FILTER = " AND (state = 'REFUSED' OR state <> 'REFUSED' AND retried_by IS NOT NULL)";

    private final ErpDeliveries deliveries;
    private final String erp;
    private final AuditTrail audit;
    private final Clock clock;

    ErpDeliveryExceptions(ErpDeliveries deliveries, String erp, AuditTrail audit, Clock clock) {
        this.deliveries = deliveries;
        this.erp = erp;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Item> list(String status, int offset, int limit) {
        String filter = filter(status);
        return filter == null ? List.of() : deliveries.refusals(filter, offset, limit).stream().map(this::item).toList();
    }

    @Override
    public long count(String status) {
        String filter = filter(status);
        return filter == null ? 0 : deliveries.countRefusals(filter);
    }

    @Override
    public Optional<Item> find(UUID id) {
        return deliveries.refusal(id).map(this::item);
    }

    @Override
    public Optional<Item> retry(UUID id, String actor) {
        Optional<ErpDeliveries.Refusal> found = deliveries.refusal(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Item before = item(found.get());
        String entryId = found.get().delivery().entryId();
        boolean retried = deliveries.retry(entryId, actor, clock.instant()).orElse(false);
        if (!retried) {
            throw ApiProblem.conflict("The ERP delivery of journal entry '" + entryId + "' is "
                    + found.get().delivery().state() + "; only refused deliveries are retried.",
                    Map.<String, Object>of("exceptionId", id.toString(), "entryId", entryId));
        }
        Item after = deliveries.refusal(id).map(this::item).orElseThrow();
        audit.record(actor, "erp.delivery-retried", "journal-entry:" + entryId, before, after);
        return Optional.of(after);
    }

    private static String filter(String status) {
        if (status == null) {
            return ANY_FILTER;
        }
        return switch (status) {
            case OPEN -> OPEN_FILTER;
            case RESOLVED -> RESOLVED_FILTER;
            default -> null;
        };
    }

    private Item item(ErpDeliveries.Refusal r) {
        Delivery d = r.delivery();
        String status = d.state() == Delivery.DeliveryState.DELIVERED ? RESOLVED : OPEN;
        String move = d.reference().equals(d.entryId()) ? "journal entry " + d.entryId()
                : "summary " + d.reference();
        String message = switch (d.state()) {
            case REFUSED -> erp + " refused the move of " + move + ": " + d.lastError();
            case PENDING -> "the move of " + move + " is being delivered again to " + erp + " (it was refused: "
                    + d.lastError() + ")";
            case DELIVERED -> "the move of " + move + " was delivered to " + erp + " as " + d.moveNumber()
                    + " after a retry";
        };
        return new Item(r.exceptionId(), d.trackingId(), "mfg.finance.journal.posted", d.plant(), "erp:" + erp,
                REASON, message, r.refusedAt(), status, r.retriedBy(), r.retriedAt());
    }
}
