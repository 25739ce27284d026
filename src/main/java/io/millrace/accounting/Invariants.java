package io.millrace.accounting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.master.ValuationClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks invariants 1 to 4 of postings.md over any books (ADR 0002 defines the rounding):
 * <ol>
 *   <li>every journal entry balances;</li>
 *   <li>per plant and inventory account, the GL balance equals the sum over the items of that
 *       valuation class of (plant quantity x std) rounded to 2 decimals;</li>
 *   <li>the WIP of every closed order is zero (and the WIP per order in the GL equals the
 *       order's WIP balance);</li>
 *   <li>the GR/IR balance equals minus the sum over PO lines of (received - invoiced) x PO price,
 *       each rounded to 2 decimals;</li>
 *   <li>per receiving plant, the stock-in-transit balance equals the value of the transfers
 *       between plants shipped to it and not received yet (ADR 0019).</li>
 * </ol>
 */
public final class Invariants {

    private final MasterData master;
    private final AccountDetermination accounts;

    public Invariants(MasterData master, AccountDetermination accounts) {
        this.master = master;
        this.accounts = accounts;
    }

    /** Every violation found, each a sentence with the numbers; empty when all hold. */
    public List<String> violations(Books books) {
        List<JournalEntry> entries = books.journal().all();
        List<String> violations = new ArrayList<>();
        balancedEntries(entries, violations);
        inventoryMatchesSubLedger(books, entries, violations);
        closedOrdersHaveNoWip(books, entries, violations);
        grIrMatchesOpenReceipts(books, entries, violations);
        stockInTransitMatchesOpenTransfers(books, entries, violations);
        return violations;
    }

    /** Throws {@link IllegalStateException} listing every violation. */
    public void check(Books books) {
        List<String> violations = violations(books);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("invariants violated:\n" + String.join("\n", violations));
        }
    }

    private static void balancedEntries(List<JournalEntry> entries, List<String> violations) {
        for (JournalEntry entry : entries) {
            if (entry.totalDebit().compareTo(entry.totalCredit()) != 0) {
                violations.add("1: entry " + entry.entryId() + " debit " + entry.totalDebit() + " credit "
                        + entry.totalCredit());
            }
        }
    }

    private void inventoryMatchesSubLedger(Books books, List<JournalEntry> entries, List<String> violations) {
        Set<String> inventoryAccounts = new TreeSet<>();
        for (ValuationClass valuationClass : ValuationClass.values()) {
            inventoryAccounts.add(accounts.inventory(valuationClass));
        }
        Map<String, BigDecimal> ledger = new TreeMap<>();
        for (JournalEntry entry : entries) {
            for (JournalLine line : entry.lines()) {
                if (inventoryAccounts.contains(line.account())) {
                    ledger.merge(line.plant() + " " + line.account(), line.balance(), BigDecimal::add);
                }
            }
        }
        Map<String, BigDecimal> quantities = new TreeMap<>();
        for (StockBalance balance : books.inventory().all()) {
            quantities.merge(balance.key().plant() + " " + balance.key().item(), balance.quantity(), BigDecimal::add);
        }
        Map<String, BigDecimal> subLedger = new TreeMap<>();
        quantities.forEach((plantItem, quantity) -> {
            String[] parts = plantItem.split(" ", 2);
            Item item = master.item(parts[1]).orElseThrow(() -> new IllegalStateException("stock of unknown item "
                    + parts[1]));
            subLedger.merge(parts[0] + " " + accounts.inventory(item.valuationClass()),
                    Amounts.value(quantity, item.standardCost()), BigDecimal::add);
        });
        Set<String> keys = new TreeSet<>(ledger.keySet());
        keys.addAll(subLedger.keySet());
        for (String key : keys) {
            BigDecimal gl = ledger.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal sub = subLedger.getOrDefault(key, BigDecimal.ZERO);
            if (gl.compareTo(sub) != 0) {
                violations.add("2: plant and account " + key + ": GL " + gl + ", sub-ledger " + sub);
            }
        }
    }

    private void closedOrdersHaveNoWip(Books books, List<JournalEntry> entries, List<String> violations) {
        Map<String, BigDecimal> wipPerOrder = new TreeMap<>();
        for (JournalEntry entry : entries) {
            for (JournalLine line : entry.lines()) {
                if (line.account().equals(accounts.workInProcess())) {
                    wipPerOrder.merge(String.valueOf(line.dimensions().order()), line.balance(), BigDecimal::add);
                }
            }
        }
        for (ProductionOrder order : books.orders().all()) {
            BigDecimal gl = wipPerOrder.getOrDefault(order.orderId(), BigDecimal.ZERO);
            if (gl.compareTo(order.wipBalance()) != 0) {
                violations.add("3: order " + order.orderId() + " WIP in the GL " + gl + ", on the order "
                        + order.wipBalance());
            }
            if (order.closed() && gl.signum() != 0) {
                violations.add("3: closed order " + order.orderId() + " still has WIP " + gl);
            }
        }
    }

    private void grIrMatchesOpenReceipts(Books books, List<JournalEntry> entries, List<String> violations) {
        BigDecimal ledger = BigDecimal.ZERO;
        for (JournalEntry entry : entries) {
            for (JournalLine line : entry.lines()) {
                if (line.account().equals(accounts.grIrClearing())) {
                    ledger = ledger.add(line.balance());
                }
            }
        }
        BigDecimal open = BigDecimal.ZERO;
        for (PurchaseOrderLineProgress line : books.purchaseOrderLines().all()) {
            open = open.add(Amounts.value(line.open(), line.unitPrice()));
        }
        if (ledger.compareTo(open.negate()) != 0) {
            violations.add("4: GR/IR balance " + ledger + ", open receipts at PO price " + open.negate());
        }
    }

    private void stockInTransitMatchesOpenTransfers(Books books, List<JournalEntry> entries, List<String> violations) {
        Map<String, BigDecimal> ledger = new TreeMap<>();
        for (JournalEntry entry : entries) {
            for (JournalLine line : entry.lines()) {
                if (line.account().equals(accounts.stockInTransit())) {
                    ledger.merge(line.plant(), line.balance(), BigDecimal::add);
                }
            }
        }
        Map<String, BigDecimal> open = new TreeMap<>();
        for (TransferInTransit transfer : books.transfersInTransit().all()) {
            open.merge(transfer.toPlant(), transfer.value(), BigDecimal::add);
        }
        Set<String> plants = new TreeSet<>(ledger.keySet());
        plants.addAll(open.keySet());
        for (String plant : plants) {
            BigDecimal gl = ledger.getOrDefault(plant, BigDecimal.ZERO);
            BigDecimal inTransit = open.getOrDefault(plant, BigDecimal.ZERO);
            if (gl.compareTo(inTransit) != 0) {
                violations.add("5: plant " + plant + " stock in transit in the GL " + gl + ", transfers in transit "
                        + inTransit);
            }
        }
    }
}
