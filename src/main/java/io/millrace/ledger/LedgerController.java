package io.millrace.ledger;

import io.millrace.access.Caller;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.ChartOfAccounts;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PostingSettings;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read APIs of the general ledger: trial balance, journal and reconciliation (api.md). */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

    private final LedgerQueries queries;
    private final ChartOfAccounts chart;
    private final Reconciliation reconciliation;

    LedgerController(LedgerQueries queries, PostingSettings settings, MasterData master) {
        this.queries = queries;
        this.chart = settings.chart();
        this.reconciliation = new Reconciliation(queries, master, settings);
    }

    @GetMapping("/trial-balance")
    LedgerViews.TrialBalanceView trialBalance(Caller caller, @RequestParam(required = false) String plant,
                                              @RequestParam(required = false) String period) {
        caller.requireReadAll();
        YearMonth month = Params.period("period", period);
        String plantCode = Params.code("plant", plant);
        List<LedgerViews.AccountView> accounts = new ArrayList<>();
        BigDecimal totalDebit = Amounts.ZERO;
        BigDecimal totalCredit = Amounts.ZERO;
        for (LedgerQueries.AccountTotals totals : queries.trialBalance(plantCode, month)) {
            BigDecimal debit = Amounts.money(totals.debit());
            BigDecimal credit = Amounts.money(totals.credit());
            accounts.add(new LedgerViews.AccountView(totals.account(), chart.name(totals.account()), debit, credit,
                    debit.subtract(credit)));
            totalDebit = totalDebit.add(debit);
            totalCredit = totalCredit.add(credit);
        }
        return new LedgerViews.TrialBalanceView(month == null ? null : month.toString(), plantCode, accounts,
                totalDebit, totalCredit);
    }

    @GetMapping("/journal")
    LedgerViews.JournalPage journal(Caller caller, @RequestParam(required = false) String trackingId,
                                    @RequestParam(required = false) String order,
                                    @RequestParam(required = false) String account,
                                    @RequestParam(required = false) String period,
                                    @RequestParam(required = false) String plant,
                                    @RequestParam(required = false) String limit,
                                    @RequestParam(required = false) String cursor) {
        caller.requireReadAll();
        LedgerQueries.JournalFilter filter = new LedgerQueries.JournalFilter(Params.trackingId("trackingId", trackingId),
                Params.code("order", order), Params.code("account", account), Params.period("period", period),
                Params.code("plant", plant));
        int pageSize = Params.limit("limit", limit);
        List<JournalRows.Stored> rows = queries.journal(filter, Params.cursor("cursor", cursor), pageSize + 1);
        boolean more = rows.size() > pageSize;
        List<JournalRows.Stored> page = more ? rows.subList(0, pageSize) : rows;
        String next = more ? Long.toString(page.get(page.size() - 1).sequence()) : null;
        return new LedgerViews.JournalPage(page.stream().map(s -> LedgerViews.EntryView.of(s.entry(), chart)).toList(),
                pageSize, next);
    }

    @GetMapping("/reconciliation")
    Reconciliation.View reconciliation(Caller caller, @RequestParam(required = false) String plant) {
        caller.requireReadAll();
        return reconciliation.of(Params.code("plant", plant));
    }
}
