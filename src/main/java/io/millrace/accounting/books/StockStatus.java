package io.millrace.accounting.books;

/** Stock status of the inventory sub-ledger. */
public enum StockStatus {
    UNRESTRICTED, BLOCKED
}
