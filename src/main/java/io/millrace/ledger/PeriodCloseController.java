package io.millrace.ledger;

import io.millrace.access.Caller;
import io.millrace.audit.AuditTrail;
import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.ledger.TrialBalance;
import io.millrace.accounting.posting.AccountingPeriodClose;
import io.millrace.accounting.posting.PeriodCloseReport;
import io.millrace.accounting.posting.PeriodReadiness;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.web.bind.annotation.RequestBody;
import io.millrace.accounting.posting.PostingSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    private final BooksStore store;
    private final LedgerQueries queries;
    private final PostingSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditTrail audit;

    private final ObjectProvider<PeriodReadinessCheck> readinessChecks;

    PeriodCloseController(BooksStore store, LedgerQueries queries, PostingSettings settings,
                          PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock,
                          AuditTrail audit, ObjectProvider<PeriodReadinessCheck> readinessChecks) {
        this.audit = audit;
        this.readinessChecks = readinessChecks;
        this.store = store;
        this.queries = queries;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
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
        return ReadinessView.of(readinessOf(Params.period("period", period)));
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
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (override && reason.isEmpty()) {
            throw ApiProblem.invalid("An override needs a reason; the period was not closed.",
                    List.of(FieldError.at("/reason", "is required with override")));
        }
        PeriodReadiness readiness = readinessOf(month);
        try {
            transactions.executeWithoutResult(status -> {
                UnitOfWork unit = store.begin();
                if (!unit.periods().isClosed(month)) {
                    new AccountingPeriodClose(unit).close(readiness, caller.actor(), clock.instant(),
                            override ? reason : null);
                    audit.record(caller.actor(), "period.closed", "period:" + month, null,
                            new ClosedPeriod(month, caller.actor(), clock.instant(),
                                    readiness.ready() ? null : reason));
                }
            });
        } catch (AccountingPeriodClose.PeriodNotReady notReady) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("blockers", readiness.blockers());
            properties.put("ordersToSettle", readiness.ordersToSettle());
            throw ApiProblem.conflict("Period " + month + " is not ready to close: " + String.join("; ",
                    readiness.blockers()) + ". Resolve them, or close with {\"override\": true, \"reason\": …}.",
                    properties);
        }
        return report(month);
    }

    /** An admin opens a closed period again, with a reason; events dated in it post in it again. */
    @PostMapping("/reopen")
    LedgerViews.CloseReportView reopen(Caller caller, @PathVariable String period,
                                       @RequestBody(required = false) ReopenRequest request) {
        caller.requireAdmin();
        YearMonth month = Params.period("period", period);
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            throw ApiProblem.invalid("Reopening a period needs a reason; nothing changed.",
                    List.of(FieldError.at("/reason", "is required")));
        }
        ClosedPeriod closed = queries.closedPeriod(month).orElseThrow(() -> ApiProblem.conflict("Period " + month
                + " is not closed.", Map.of()));
        transactions.executeWithoutResult(status -> {
            new AccountingPeriodClose(store.begin()).reopen(month);
            queries.recordReopening(closed, caller.actor(), clock.instant(), reason);
            audit.record(caller.actor(), "period.reopened", "period:" + month, closed, Map.of("reason", reason));
        });
        return report(month);
    }

    private PeriodReadiness readinessOf(YearMonth month) {
        PeriodReadinessCheck check = readinessChecks.getIfAvailable();
        return check == null ? new PeriodReadiness(month, 0, 0, 0, List.of()) : check.readiness(month);
    }

    @GetMapping("/close-report")
    LedgerViews.CloseReportView closeReport(Caller caller, @PathVariable String period) {
        caller.requireReadAll();
        return report(Params.period("period", period));
    }

    private LedgerViews.CloseReportView report(YearMonth month) {
        Map<String, BigDecimal> balances = new TreeMap<>();
        queries.trialBalance(null, month).forEach(t -> balances.put(t.account(), t.debit().subtract(t.credit())));
        PeriodCloseReport report = new PeriodCloseReport(month, queries.closedPeriod(month).orElse(null),
                new TrialBalance(balances), queries.latePostings(month));
        return LedgerViews.CloseReportView.of(report, settings.chart());
    }
}
