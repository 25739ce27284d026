package io.millrace.ledger;

import io.millrace.audit.AuditTrail;
import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.TrialBalance;
import io.millrace.accounting.posting.AccountingPeriodClose;
import io.millrace.accounting.posting.PeriodCloseReport;
import io.millrace.accounting.posting.PeriodReadiness;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Month-end close as one service for the API and the console: readiness, close (with an override
 * and its reason when not ready), reopen, and the close report. Every close and reopen is audited.
 */
public class PeriodClosing {

    private final BooksStore store;
    private final LedgerQueries queries;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditTrail audit;
    private final ObjectProvider<PeriodReadinessCheck> readinessChecks;

    PeriodClosing(BooksStore store, LedgerQueries queries, TransactionTemplate transactions, Clock clock,
                  AuditTrail audit, ObjectProvider<PeriodReadinessCheck> readinessChecks) {
        this.store = store;
        this.queries = queries;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
        this.readinessChecks = readinessChecks;
    }

    public PeriodReadiness readiness(YearMonth month) {
        PeriodReadinessCheck check = readinessChecks.getIfAvailable();
        return check == null ? new PeriodReadiness(month, 0, 0, 0, List.of()) : check.readiness(month);
    }

    /**
     * Closes the period when nothing dated in it is pending, parked or an open exception; otherwise
     * a 409 problem listing why, unless {@code override} with a reason. Closing a closed period
     * again changes nothing.
     */
    public PeriodCloseReport close(YearMonth month, String actor, boolean override, String overrideReason) {
        String reason = overrideReason == null ? "" : overrideReason.strip();
        if (override && reason.isEmpty()) {
            throw ApiProblem.invalid("An override needs a reason; the period was not closed.",
                    List.of(FieldError.at("/reason", "is required with override")));
        }
        PeriodReadiness readiness = readiness(month);
        try {
            transactions.executeWithoutResult(status -> {
                UnitOfWork unit = store.begin();
                if (!unit.periods().isClosed(month)) {
                    new AccountingPeriodClose(unit).close(readiness, actor, clock.instant(), override ? reason : null);
                    audit.record(actor, "period.closed", "period:" + month, null,
                            new ClosedPeriod(month, actor, clock.instant(), readiness.ready() ? null : reason));
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
    public PeriodCloseReport reopen(YearMonth month, String actor, String reopenReason) {
        String reason = reopenReason == null ? "" : reopenReason.strip();
        if (reason.isEmpty()) {
            throw ApiProblem.invalid("Reopening a period needs a reason; nothing changed.",
                    List.of(FieldError.at("/reason", "is required")));
        }
        ClosedPeriod closed = queries.closedPeriod(month).orElseThrow(() -> ApiProblem.conflict("Period " + month
                + " is not closed.", Map.of()));
        transactions.executeWithoutResult(status -> {
            new AccountingPeriodClose(store.begin()).reopen(month);
            queries.recordReopening(closed, actor, clock.instant(), reason);
            audit.record(actor, "period.reopened", "period:" + month, closed, Map.of("reason", reason));
        });
        return report(month);
    }

    public PeriodCloseReport report(YearMonth month) {
        Map<String, BigDecimal> balances = new TreeMap<>();
        queries.trialBalance(null, month).forEach(t -> balances.put(t.account(), t.debit().subtract(t.credit())));
        List<JournalEntry> late = queries.latePostings(month);
        return new PeriodCloseReport(month, queries.closedPeriod(month).orElse(null), new TrialBalance(balances), late);
    }
}
