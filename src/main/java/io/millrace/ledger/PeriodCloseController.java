package io.millrace.ledger;

import io.millrace.access.Caller;
import io.millrace.audit.AuditTrail;
import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.ledger.TrialBalance;
import io.millrace.accounting.posting.PeriodCloseReport;
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

    PeriodCloseController(BooksStore store, LedgerQueries queries, PostingSettings settings,
                          PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock,
                          AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.queries = queries;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping("/close")
    LedgerViews.CloseReportView close(Caller caller, @PathVariable String period) {
        caller.requireOperator();
        YearMonth month = Params.period("period", period);
        transactions.executeWithoutResult(status -> {
            boolean open = queries.closedPeriod(month).isEmpty();
            ClosedPeriod closed = new ClosedPeriod(month, caller.actor(), clock.instant());
            store.begin().periods().close(closed);
            if (open) {
                audit.record(caller.actor(), "period.closed", "period:" + month, null, closed);
            }
        });
        return report(month);
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
