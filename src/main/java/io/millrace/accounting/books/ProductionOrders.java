package io.millrace.accounting.books;

import java.util.List;
import java.util.Optional;

/** Production orders released to the books. */
public interface ProductionOrders {

    Optional<ProductionOrder> find(String orderId);

    /** Inserts or replaces the order of its id. */
    void save(ProductionOrder order);

    /** Every order: for reports and invariant checks. */
    List<ProductionOrder> all();
}
