package io.millrace.accounting.ledger;

import io.millrace.accounting.master.ValuationClass;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which account each posting uses. The defaults are the chart of postings.md; every account can
 * be redirected, the inventory account per valuation class. {@code roundingDifferences} takes the
 * cents by which a balance account's change (inventory, GR/IR) differs from the per-line rounded
 * amount of the rule (ADR 0002); by default the inventory adjustments account. {@code revaluation}
 * takes the other side of a standard-cost revaluation of stock on hand, and the valuation
 * difference when a reversal takes stock back at a standard cost changed since (default 5410).
 * {@code stockInTransit} holds the value of transfers between plants shipped and not yet
 * received, in the receiving plant (default 1470).
 */
public record AccountDetermination(Map<ValuationClass, String> inventory, String workInProcess,
                                   String accountsReceivable, String accountsPayable, String grIrClearing,
                                   String outputTax, String revenue, String costOfGoodsSold,
                                   String purchasePriceVariance, String productionVariance, String scrapExpense,
                                   String inventoryAdjustments, String conversionAbsorbed,
                                   String roundingDifferences, String revaluation, String stockInTransit) {
    public static final String DEFAULT_REVALUATION = "5410";
    public static final String DEFAULT_STOCK_IN_TRANSIT = "1470";

    public AccountDetermination {
        Objects.requireNonNull(revaluation, "revaluation");
        Objects.requireNonNull(stockInTransit, "stockInTransit");
        inventory = Map.copyOf(new EnumMap<>(inventory));
        for (ValuationClass valuationClass : ValuationClass.values()) {
            Objects.requireNonNull(inventory.get(valuationClass), "inventory account for " + valuationClass);
        }
    }

    /** The determination with stock in transit on the default account 1470. */
    public AccountDetermination(Map<ValuationClass, String> inventory, String workInProcess,
                                String accountsReceivable, String accountsPayable, String grIrClearing,
                                String outputTax, String revenue, String costOfGoodsSold, String purchasePriceVariance,
                                String productionVariance, String scrapExpense, String inventoryAdjustments,
                                String conversionAbsorbed, String roundingDifferences, String revaluation) {
        this(inventory, workInProcess, accountsReceivable, accountsPayable, grIrClearing, outputTax, revenue,
                costOfGoodsSold, purchasePriceVariance, productionVariance, scrapExpense, inventoryAdjustments,
                conversionAbsorbed, roundingDifferences, revaluation, DEFAULT_STOCK_IN_TRANSIT);
    }

    /** The determination with revaluations on the default account 5410. */
    public AccountDetermination(Map<ValuationClass, String> inventory, String workInProcess,
                                String accountsReceivable, String accountsPayable, String grIrClearing,
                                String outputTax, String revenue, String costOfGoodsSold, String purchasePriceVariance,
                                String productionVariance, String scrapExpense, String inventoryAdjustments,
                                String conversionAbsorbed, String roundingDifferences) {
        this(inventory, workInProcess, accountsReceivable, accountsPayable, grIrClearing, outputTax, revenue,
                costOfGoodsSold, purchasePriceVariance, productionVariance, scrapExpense, inventoryAdjustments,
                conversionAbsorbed, roundingDifferences, DEFAULT_REVALUATION);
    }

    /** The determination with rounding differences on the inventory adjustments account. */
    public AccountDetermination(Map<ValuationClass, String> inventory, String workInProcess,
                                String accountsReceivable, String accountsPayable, String grIrClearing,
                                String outputTax, String revenue, String costOfGoodsSold, String purchasePriceVariance,
                                String productionVariance, String scrapExpense, String inventoryAdjustments,
                                String conversionAbsorbed) {
        this(inventory, workInProcess, accountsReceivable, accountsPayable, grIrClearing, outputTax, revenue,
                costOfGoodsSold, purchasePriceVariance, productionVariance, scrapExpense, inventoryAdjustments,
                conversionAbsorbed, inventoryAdjustments);
    }

    public static AccountDetermination defaults() {
        return new AccountDetermination(
                Map.of(ValuationClass.RAW, "1400", ValuationClass.SEMI, "1410", ValuationClass.FINISHED, "1420"),
                "1450", "1200", "2000", "2100", "2200", "4000", "5000", "5100", "5200", "5300", "5400", "5500");
    }

    public String inventory(ValuationClass valuationClass) {
        return inventory.get(valuationClass);
    }

    /** The same determination with another inventory account for one valuation class. */
    public AccountDetermination withInventory(ValuationClass valuationClass, String account) {
        Map<ValuationClass, String> changed = new EnumMap<>(inventory);
        changed.put(valuationClass, account);
        return new AccountDetermination(changed, workInProcess, accountsReceivable, accountsPayable, grIrClearing,
                outputTax, revenue, costOfGoodsSold, purchasePriceVariance, productionVariance, scrapExpense,
                inventoryAdjustments, conversionAbsorbed, roundingDifferences, revaluation, stockInTransit);
    }
}
