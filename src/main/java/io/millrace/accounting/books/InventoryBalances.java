package io.millrace.accounting.books;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The inventory sub-ledger: quantity per plant, location, item, lot and status. */
public interface InventoryBalances {

    Optional<StockBalance> find(StockKey key);

    /** Every balance of an item at one location (both statuses, all lots): for FIFO and counts. */
    List<StockBalance> atLocation(String plant, String location, String item);

    /** Total quantity of an item in a plant over all locations, lots and statuses. */
    BigDecimal plantQuantity(String plant, String item);

    /** Inserts or replaces the balance of its key; a zero quantity may be kept or removed. */
    void save(StockBalance balance);

    /** Every balance: for reports and invariant checks, never the posting hot path. */
    List<StockBalance> all();
}
