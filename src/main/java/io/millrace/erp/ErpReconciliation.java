package io.millrace.erp;

import io.millrace.ledger.LedgerQueries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares Millrace's trial balance with the ERP's account balances through the account mapping,
 * for a period (all time when none) and a plant (all when none). Without a plant the ERP side is
 * the ERP's own balance of each account, so postings made in the ERP by others show up as
 * differences; with a plant, the ERP knowing no plants, it is the lines of the ERP moves delivered
 * for that plant's entries.
 */
final class ErpReconciliation {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    /** One ERP account: the Millrace accounts mapped onto it and both balances (debit positive). */
    record Line(String erpAccount, List<String> millraceAccounts, BigDecimal millrace, BigDecimal erp,
                BigDecimal difference) {
    }

    record Report(String erp, String period, String plant, List<Line> accounts, BigDecimal totalDifference,
                  long undeliveredEntries, boolean reconciled) {
    }

    private final Erp erp;
    private final LedgerQueries ledger;
    private final ErpDeliveries deliveries;
    private final ErpProperties settings;

    ErpReconciliation(Erp erp, LedgerQueries ledger, ErpDeliveries deliveries, ErpProperties settings) {
        this.erp = erp;
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    Report of(YearMonth period, String plant) {
        LocalDate from = period == null ? EARLIEST : period.atDay(1);
        LocalDate to = period == null ? LATEST : period.atEndOfMonth();
        Map<String, BigDecimal> ours = new TreeMap<>();
        Map<String, List<String>> sources = new TreeMap<>();
        for (LedgerQueries.AccountTotals totals : ledger.trialBalance(plant, period)) {
            String erpAccount = settings.erpAccount(totals.account());
            ours.merge(erpAccount, totals.debit().subtract(totals.credit()), BigDecimal::add);
            sources.computeIfAbsent(erpAccount, a -> new ArrayList<>()).add(totals.account());
        }
        Map<String, BigDecimal> theirs = plant == null ? erp.balances(ours.keySet(), from, to)
                : erp.balancesOfMoves(deliveries.deliveredReferences(plant, from, to));
        List<Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        TreeSet<String> accounts = new TreeSet<>(ours.keySet());
        theirs.forEach((account, balance) -> {
            if (balance.signum() != 0) {
                accounts.add(account);
            }
        });
        for (String account : accounts) {
            BigDecimal mine = ours.getOrDefault(account, BigDecimal.ZERO).setScale(2);
            BigDecimal other = theirs.getOrDefault(account, BigDecimal.ZERO).setScale(2);
            BigDecimal difference = mine.subtract(other);
            total = total.add(difference.abs());
            lines.add(new Line(account, sources.getOrDefault(account, List.of()), mine, other, difference));
        }
        long undelivered = deliveries.undelivered(plant, from, to);
        return new Report(erp.name(), period == null ? null : period.toString(), plant, lines, total.setScale(2),
                undelivered, total.signum() == 0);
    }
}
