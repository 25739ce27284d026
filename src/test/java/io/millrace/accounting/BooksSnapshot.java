package io.millrace.accounting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.ledger.JournalEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything in the books at one moment, comparable with {@code equals}: tests use it to show that
 * an event that did not post changed nothing, and that two orders of a stream end alike.
 */
public record BooksSnapshot(List<JournalEntry> journal, Set<StockBalance> stock, Set<ProductionOrder> orders,
                            Set<PurchaseOrderLineProgress> purchaseOrderLines, Set<ReceiptLot> receiptLots,
                            Set<SalesOrderLineProgress> salesOrderLines, List<ClosedPeriod> closedPeriods,
                            Set<TransferInTransit> inTransit) {

    public static BooksSnapshot of(Books books) {
        return new BooksSnapshot(books.journal().all(),
                new HashSet<>(books.inventory().all().stream().filter(b -> b.quantity().signum() != 0).toList()),
                new HashSet<>(books.orders().all()), new HashSet<>(books.purchaseOrderLines().all()),
                new HashSet<>(books.receiptLots().all()), new HashSet<>(books.salesOrderLines().all()),
                books.periods().closed(), new HashSet<>(books.transfersInTransit().all()));
    }
}
