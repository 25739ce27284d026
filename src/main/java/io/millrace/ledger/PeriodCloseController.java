package io.millrace.ledger;

import io.millrace.access.Caller;
import io.millrace.accounting.posting.PeriodCloseReport;
import io.millrace.accounting.posting.PeriodReadiness;
import io.millrace.accounting.posting.PostingSettings;
import java.time.YearMonth;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Month-end close: an operator or admin closes a calendar month (again: no change, the first
 * closer stays); events whose time falls in it afterwards post late in the next open month. The
 * report is the core's {@link PeriodCloseReport}, built from SQL aggregates rather than by loading
 * the month's entries.
 */
@RestController
@RequestMapping("/api/v1/ledger/periods/{period}")
class PeriodCloseController {

    private final PeriodClosing closing;
    private final PostingSettings settings;

    PeriodCloseController(PeriodClosing closing, PostingSettings settings) {
        this.closing = closing;
        this.settings = settings;
    }

    /** An override closes a period that is not ready; its reason is kept on the close. */
    record CloseRequest(Boolean override, String reason) {
    }

    /** Reopening needs a reason; the close it undoes is kept as history. */
    record ReopenRequest(String reason) {
    }

    record ReadinessView(String period, boolean ready, long pending, long parked, long openExceptions,
                         List<String> blockers, List<String> ordersToSettle) {
        static ReadinessView of(PeriodReadiness r) {
            return new ReadinessView(r.period().toString(), r.ready(), r.pending(), r.parked(), r.openExceptions(),
                    r.blockers(), r.ordersToSettle());
        }
    }

    @GetMapping("/readiness")
    ReadinessView readiness(Caller caller, @PathVariable String period) {
        caller.requireReadAll();
        return ReadinessView.of(closing.readiness(Params.period("period", period)));
    }

    /**
     * Closes the period when nothing dated in it is pending, parked or an open exception; otherwise
     * 409 listing why, unless the request overrides with a reason. Closing a closed period again
     * changes nothing.
     */
    @PostMapping("/close")
    LedgerViews.CloseReportView close(Caller caller, @PathVariable String period,
                                      @RequestBody(required = false) CloseRequest request) {
        caller.requireOperator();
        YearMonth month = Params.period("period", period);
        boolean override = request != null && Boolean.TRUE.equals(request.override());
        return view(closing.close(month, caller.actor(), override, request == null ? null : request.reason()));
    }

    /** An admin opens a closed period again, with a reason; events dated in it post in it again. */
    @PostMapping("/reopen")
    LedgerViews.CloseReportView reopen(Caller caller, @PathVariable String period,
                                       @RequestBody(required = false) ReopenRequest request) {
        caller.requireAdmin();
        YearMonth month = Params.period("period", period);
        return view(closing.reopen(month, caller.actor(), request == null ? null : request.reason()));
    }

    @GetMapping("/close-report")
    LedgerViews.CloseReportView closeReport(Caller caller, @PathVariable String period) {
        caller.requireReadAll();
        return view(closing.report(Params.period("period", period)));
    }

    private LedgerViews.CloseReportView view(PeriodCloseReport report) {
        return LedgerViews.CloseReportView.of(report, settings.chart());
    }
}
