package io.millrace.accounting.books;

import java.util.List;
import java.util.Optional;

/** Progress of purchase order lines (received, invoiced). */
public interface PurchaseOrderLines {

    Optional<PurchaseOrderLineProgress> find(String purchaseOrder, int line);

    /** Inserts or replaces the progress of its (purchaseOrder, line). */
    void save(PurchaseOrderLineProgress progress);

    /** Every line: for reports and invariant checks. */
    List<PurchaseOrderLineProgress> all();
}
