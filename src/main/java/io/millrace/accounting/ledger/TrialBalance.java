package io.millrace.accounting.ledger;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Balances per account (debit positive) over a set of journal lines. */
public record TrialBalance(Map<String, BigDecimal> balances) {

    public TrialBalance {
        balances = java.util.Collections.unmodifiableMap(new TreeMap<>(balances));
    }

    public static TrialBalance of(Collection<JournalEntry> entries) {
        return of(entries, line -> true);
    }

    public static TrialBalance of(Collection<JournalEntry> entries, Predicate<JournalLine> filter) {
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (JournalEntry entry : entries) {
            for (JournalLine line : entry.lines()) {
                if (filter.test(line)) {
                    balances.merge(line.account(), line.balance(), BigDecimal::add);
                }
            }
        }
        return new TrialBalance(balances);
    }

    public BigDecimal balance(String account) {
        return balances.getOrDefault(account, Amounts.ZERO);
    }

    public BigDecimal total() {
        return balances.values().stream().reduce(Amounts.ZERO, BigDecimal::add);
    }
}
