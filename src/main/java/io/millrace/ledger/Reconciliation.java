package io.millrace.ledger;

import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.posting.PostingSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Month-end reconciliation of the general ledger with its sub-ledgers (postings.md invariants 2
 * and 4): per plant and inventory account the GL balance against the sum over items of (plant
 * quantity x current std) rounded to cents; per receiving plant stock in transit against the
 * transfers on their way; per plant the GR/IR balance against the open PO lines at PO price. Sums come from SQL; only one row per plant and item is valued here. The key figures
 * read it too (differences as a measure of posting accuracy).
 */
public final class Reconciliation {

    public record View(List<PlantView> plants, List<String> unvaluedItems, boolean balanced) {
    }

    public record PlantView(String plant, List<InventoryAccountView> inventory, GrIrView grIr) {
    }

    public record InventoryAccountView(String account, String name, BigDecimal glBalance, BigDecimal subLedgerValue,
                                BigDecimal difference) {
    }

    /** {@code difference} = GL balance + open value: zero when GR/IR clears exactly the open receipts. */
    public record GrIrView(String account, BigDecimal glBalance, BigDecimal openPurchaseOrderValue, BigDecimal difference) {
    }

    private final LedgerQueries queries;
    private final MasterData master;
    private final PostingSettings settings;

    public Reconciliation(LedgerQueries queries, MasterData master, PostingSettings settings) {
        this.queries = queries;
        this.master = master;
        this.settings = settings;
    }

    /** The reconciliation of {@code plant}, or of every plant when null. */
    public View of(String plant) {
        AccountDetermination accounts = settings.accounts();
        Set<String> inventoryAccounts = new TreeSet<>();
        for (ValuationClass valuationClass : ValuationClass.values()) {
            inventoryAccounts.add(accounts.inventory(valuationClass));
        }
        Map<String, Map<String, BigDecimal>> gl = new TreeMap<>();
        queries.balances(plant, inventoryAccounts).forEach(b -> gl.computeIfAbsent(b.plant(), p -> new TreeMap<>())
                .merge(b.account(), b.balance(), BigDecimal::add));
        Map<String, Map<String, BigDecimal>> sub = new TreeMap<>();
        List<String> unvalued = new ArrayList<>();
        for (LedgerQueries.PlantItemQuantity stock : queries.plantStock(plant)) {
            Optional<Item> item = master.item(stock.item());
            if (item.isEmpty()) {
                unvalued.add(stock.plant() + "/" + stock.item());
                continue;
            }
            sub.computeIfAbsent(stock.plant(), p -> new TreeMap<>()).merge(
                    accounts.inventory(item.get().valuationClass()),
                    Amounts.value(stock.quantity(), item.get().standardCost()), BigDecimal::add);
        }
        // stock in transit is valued by what each shipment put on it, per receiving plant (ADR 0019)
        queries.balances(plant, List.of(accounts.stockInTransit())).forEach(b -> gl.computeIfAbsent(b.plant(),
                p -> new TreeMap<>()).merge(b.account(), b.balance(), BigDecimal::add));
        queries.transfersInTransit(plant).stream().filter(t -> plant == null || t.toPlant().equals(plant))
                .forEach(t -> sub.computeIfAbsent(t.toPlant(), p -> new TreeMap<>())
                        .merge(accounts.stockInTransit(), t.value(), BigDecimal::add));
        Map<String, BigDecimal> grIrGl = new TreeMap<>();
        queries.balances(plant, List.of(accounts.grIrClearing()))
                .forEach(b -> grIrGl.merge(b.plant(), b.balance(), BigDecimal::add));
        Map<String, BigDecimal> open = new TreeMap<>();
        queries.openPurchaseOrderValue(plant).forEach(a -> open.merge(a.plant(), a.amount(), BigDecimal::add));

        Set<String> plants = new TreeSet<>(gl.keySet());
        plants.addAll(sub.keySet());
        plants.addAll(grIrGl.keySet());
        plants.addAll(open.keySet());
        List<PlantView> views = new ArrayList<>();
        boolean balanced = unvalued.isEmpty();
        for (String p : plants) {
            List<InventoryAccountView> inventory = new ArrayList<>();
            Set<String> used = new TreeSet<>(gl.getOrDefault(p, Map.of()).keySet());
            used.addAll(sub.getOrDefault(p, Map.of()).keySet());
            for (String account : used) {
                BigDecimal glBalance = money(gl.getOrDefault(p, Map.of()).get(account));
                BigDecimal subValue = money(sub.getOrDefault(p, Map.of()).get(account));
                BigDecimal difference = glBalance.subtract(subValue);
                balanced &= difference.signum() == 0;
                inventory.add(new InventoryAccountView(account, settings.chart().name(account), glBalance, subValue,
                        difference));
            }
            BigDecimal grIr = money(grIrGl.get(p));
            BigDecimal openValue = money(open.get(p));
            BigDecimal difference = grIr.add(openValue);
            balanced &= difference.signum() == 0;
            views.add(new PlantView(p, inventory, new GrIrView(accounts.grIrClearing(), grIr, openValue, difference)));
        }
        return new View(views, unvalued, balanced);
    }

    private static BigDecimal money(BigDecimal value) {
        return Amounts.money(value == null ? BigDecimal.ZERO : value);
    }
}
