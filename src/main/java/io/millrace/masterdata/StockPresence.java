package io.millrace.masterdata;

/**
 * Whether an item has stock anywhere. Changing the standard cost (or valuation class) of an item
 * with stock would break the inventory valuation, so the upsert refuses it. The ledger module
 * supplies the real implementation as a bean; without one, {@link #none()} is used.
 */
@FunctionalInterface
public interface StockPresence {

    /** True when any plant holds a non-zero quantity of the item, in any status. */
    boolean hasStock(String item);

    /** The answer while no ledger is present: no item has stock. */
    static StockPresence none() {
        return item -> false;
    }
}
