package io.millrace.accounting.books;

import java.util.List;

/** Lots received from suppliers. */
public interface ReceiptLots {

    /** The receipts of a lot of an item, oldest first. */
    List<ReceiptLot> forLot(String item, String lot);

    /** Inserts or replaces the receipt of its (purchaseOrder, line, item, lot). */
    void save(ReceiptLot receipt);

    /** Every receipt lot: for reports and invariant checks. */
    List<ReceiptLot> all();
}
