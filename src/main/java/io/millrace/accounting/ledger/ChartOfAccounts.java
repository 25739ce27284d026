package io.millrace.accounting.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts the ledger knows, with their names; the default is the table of postings.md. */
public final class ChartOfAccounts {

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    public ChartOfAccounts(List<Account> accounts) {
        accounts.forEach(a -> this.accounts.put(a.code(), a));
    }

    public static ChartOfAccounts defaults() {
        return new ChartOfAccounts(List.of(
                new Account("1200", "Accounts receivable"),
                new Account("1400", "Raw material inventory"),
                new Account("1410", "Semi-finished inventory"),
                new Account("1420", "Finished goods inventory"),
                new Account("1450", "Work in process"),
                new Account("1470", "Stock in transit"),
                new Account("2000", "Accounts payable"),
                new Account("2100", "GR/IR clearing"),
                new Account("2200", "Output tax payable"),
                new Account("4000", "Sales revenue"),
                new Account("5000", "Cost of goods sold"),
                new Account("5100", "Purchase price variance"),
                new Account("5200", "Production variance"),
                new Account("5300", "Scrap expense"),
                new Account("5400", "Inventory adjustments"),
                new Account("5410", "Inventory revaluation"),
                new Account("5500", "Conversion cost absorbed")));
    }

    public Optional<Account> account(String code) {
        return Optional.ofNullable(accounts.get(code));
    }

    /** The account's name, or the code itself for an account outside the chart. */
    public String name(String code) {
        return account(code).map(Account::name).orElse(code);
    }

    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }
}
