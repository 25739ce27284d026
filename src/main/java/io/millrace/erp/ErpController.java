package io.millrace.erp;

import io.millrace.access.Caller;
import io.millrace.audit.AuditTrail;
import io.millrace.web.ApiProblem;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/erp}: {@code GET status}, {@code GET reconciliation?period=YYYY-MM&plant=},
 * {@code GET deliveries?state=REFUSED} (auditor, operator, admin), {@code POST
 * deliveries/{entryId}/retry} (operator, admin) and {@code POST sync} (admin). 404 when the hub
 * runs without an ERP.
 */
@RestController
@RequestMapping("/api/v1/erp")
class ErpController {

    private final ObjectProvider<ErpConnector> connector;
    private final ObjectProvider<ErpReconciliation> reconciliation;
    private final ObjectProvider<ErpDeliveries> deliveries;
    private final java.time.Clock clock;

    ErpController(ObjectProvider<ErpConnector> connector, ObjectProvider<ErpReconciliation> reconciliation,
                  ObjectProvider<ErpDeliveries> deliveries, ObjectProvider<java.time.Clock> clock,
                  AuditTrail audit) {
        this.audit = audit;
        this.connector = connector;
        this.reconciliation = reconciliation;
        this.deliveries = deliveries;
        this.clock = clock.getIfAvailable(java.time.Clock::systemUTC);
    }

    private final AuditTrail audit;

    record RetryView(String entryId, String state) {
    }

    @GetMapping("/status")
    ErpStatus status(Caller caller) {
        caller.requireReadAll();
        return connector().status();
    }

    @GetMapping("/reconciliation")
    ErpReconciliation.Report reconciliation(Caller caller, @RequestParam(required = false) String period,
                                            @RequestParam(required = false) String plant) {
        caller.requireReadAll();
        connector();
        YearMonth month = null;
        if (period != null && !period.isBlank()) {
            try {
                month = YearMonth.parse(period.trim());
            } catch (DateTimeParseException ex) {
                throw ApiProblem.badRequest("period must be a month YYYY-MM, not '" + period + "'.");
            }
        }
        String plantCode = plant == null || plant.isBlank() ? null : plant.trim();
        try {
            return reconciliation.getObject().of(month, plantCode);
        } catch (ErpUnavailableException ex) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "erp-unavailable",
                    "ERP unavailable", "The ERP cannot be reached to read its balances: " + ex.getMessage());
        }
    }

    @GetMapping("/deliveries")
    List<Delivery> deliveries(Caller caller, @RequestParam(required = false) String state) {
        caller.requireReadAll();
        connector();
        if (state != null && !state.equalsIgnoreCase("REFUSED")) {
            throw ApiProblem.badRequest("state must be REFUSED (the deliveries that wait for an operator).");
        }
        return deliveries.getObject().refusedOnes(500);
    }

    @PostMapping("/deliveries/{entryId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RetryView retry(Caller caller, @PathVariable String entryId) {
        caller.requireOperator();
        connector();
        Boolean retried = deliveries.getObject().retry(entryId, caller.actor(), clock.instant()).orElseThrow(() ->
                ApiProblem.notFound("There is no ERP delivery of journal entry '" + entryId + "'."));
        if (!retried) {
            throw ApiProblem.conflict("The ERP delivery of journal entry '" + entryId + "' was not refused; only"
                    + " refused deliveries are retried.", java.util.Map.of());
        }
        RetryView view = new RetryView(entryId, Delivery.DeliveryState.PENDING.name());
        audit.record(caller.actor(), "erp.delivery-retried", "journal-entry:" + entryId, null, view);
        return view;
    }

    @PostMapping("/sync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ErpStatus sync(Caller caller) {
        caller.requireAdmin();
        audit.record(caller.actor(), "erp.synchronisation-requested", "erp", null, null);
        try {
            connector().synchronise();
        } catch (ErpUnavailableException ex) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "erp-unavailable",
                    "ERP unavailable", ex.getMessage());
        }
        return connector().status();
    }

    private ErpConnector connector() {
        ErpConnector found = connector.getIfAvailable();
        if (found == null) {
            throw ApiProblem.notFound("The hub runs without an ERP (start it with --erp tryton).");
        }
        return found;
    }
}
