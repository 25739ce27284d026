package io.millrace.accounting.books;

/**
 * The state the posting engine reads and writes. An adapter runs one
 * {@code PostingEngine.apply} inside one transaction: the engine reads by key while it computes,
 * and writes only after it has decided to post.
 */
public interface Books {

    JournalEntries journal();

    InventoryBalances inventory();

    ProductionOrders orders();

    PurchaseOrderLines purchaseOrderLines();

    ReceiptLots receiptLots();

    SalesOrderLines salesOrderLines();

    AccountingPeriods periods();

    TransfersInTransit transfersInTransit();
}
