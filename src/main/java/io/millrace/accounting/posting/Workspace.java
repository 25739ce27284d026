package io.millrace.accounting.posting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.ledger.JournalEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The books as one event sees them while it is computed: reads go through to the books unless
 * the event changed the value already; writes stay here until {@link #commit()}.
 */
final class Workspace {

    private final Books books;
    private final Map<StockKey, StockBalance> stock = new LinkedHashMap<>();
    private final Map<StockKey, BigDecimal> stockBefore = new LinkedHashMap<>();
    private final Map<String, ProductionOrder> orders = new LinkedHashMap<>();
    private final Map<String, PurchaseOrderLineProgress> poLines = new LinkedHashMap<>();
    private final Map<String, ReceiptLot> receipts = new LinkedHashMap<>();
    private final Map<String, SalesOrderLineProgress> soLines = new LinkedHashMap<>();
    private final List<JournalEntry> entries = new ArrayList<>();
    /** Shipped (a transfer) or received (empty) in transit, by the transfer's tracking id. */
    private final Map<String, Optional<TransferInTransit>> inTransit = new LinkedHashMap<>();

    Workspace(Books books) {
        this.books = books;
    }

    Optional<StockBalance> stock(StockKey key) {
        StockBalance changed = stock.get(key);
        return changed != null ? Optional.of(changed) : books.inventory().find(key);
    }

    BigDecimal quantity(StockKey key) {
        return stock(key).map(StockBalance::quantity).orElse(BigDecimal.ZERO);
    }

    /** Every balance of the item at the location, as changed so far. */
    List<StockBalance> atLocation(String plant, String location, String item) {
        Map<StockKey, StockBalance> merged = new LinkedHashMap<>();
        books.inventory().atLocation(plant, location, item).forEach(b -> merged.put(b.key(), b));
        stock.forEach((key, balance) -> {
            if (key.plant().equals(plant) && key.location().equals(location) && key.item().equals(item)) {
                merged.put(key, balance);
            }
        });
        return new ArrayList<>(merged.values());
    }

    BigDecimal plantQuantity(String plant, String item) {
        BigDecimal quantity = books.inventory().plantQuantity(plant, item);
        for (Map.Entry<StockKey, StockBalance> changed : stock.entrySet()) {
            StockKey key = changed.getKey();
            if (key.plant().equals(plant) && key.item().equals(item)) {
                quantity = quantity.add(changed.getValue().quantity()).subtract(stockBefore.get(key));
            }
        }
        return quantity;
    }

    void saveStock(StockBalance balance) {
        stockBefore.computeIfAbsent(balance.key(), k -> books.inventory().find(k)
                .map(StockBalance::quantity).orElse(BigDecimal.ZERO));
        stock.put(balance.key(), balance);
    }

    Optional<ProductionOrder> order(String orderId) {
        ProductionOrder changed = orders.get(orderId);
        return changed != null ? Optional.of(changed) : books.orders().find(orderId);
    }

    void saveOrder(ProductionOrder order) {
        orders.put(order.orderId(), order);
    }

    Optional<PurchaseOrderLineProgress> poLine(String purchaseOrder, int line) {
        PurchaseOrderLineProgress changed = poLines.get(purchaseOrder + "/" + line);
        return changed != null ? Optional.of(changed) : books.purchaseOrderLines().find(purchaseOrder, line);
    }

    void savePoLine(PurchaseOrderLineProgress progress) {
        poLines.put(progress.purchaseOrder() + "/" + progress.line(), progress);
    }

    List<ReceiptLot> receiptLots(String item, String lot) {
        Map<String, ReceiptLot> merged = new LinkedHashMap<>();
        books.receiptLots().forLot(item, lot).forEach(r -> merged.put(receiptKey(r), r));
        receipts.values().stream().filter(r -> r.item().equals(item) && r.lot().equals(lot))
                .forEach(r -> merged.put(receiptKey(r), r));
        return new ArrayList<>(merged.values());
    }

    void saveReceiptLot(ReceiptLot receipt) {
        receipts.put(receiptKey(receipt), receipt);
    }

    private static String receiptKey(ReceiptLot r) {
        return r.purchaseOrder() + "/" + r.line() + "/" + r.item() + "/" + r.lot();
    }

    Optional<SalesOrderLineProgress> soLine(String salesOrder, int line) {
        SalesOrderLineProgress changed = soLines.get(salesOrder + "/" + line);
        return changed != null ? Optional.of(changed) : books.salesOrderLines().find(salesOrder, line);
    }

    void saveSoLine(SalesOrderLineProgress progress) {
        soLines.put(progress.salesOrder() + "/" + progress.line(), progress);
    }

    Optional<TransferInTransit> inTransit(String transferTrackingId) {
        Optional<TransferInTransit> changed = inTransit.get(transferTrackingId);
        return changed != null ? changed : books.transfersInTransit().find(transferTrackingId);
    }

    void shipToTransit(TransferInTransit transfer) {
        inTransit.put(transfer.transferTrackingId(), Optional.of(transfer));
    }

    void receiveFromTransit(String transferTrackingId) {
        inTransit.put(transferTrackingId, Optional.empty());
    }

    /** The journal entries an earlier event posted, in posting order. */
    List<JournalEntry> postedEntries(String trackingId) {
        return books.journal().forEvent(trackingId);
    }

    void addEntry(JournalEntry entry) {
        entries.add(entry);
    }

    List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** Writes every buffered change to the books, journal entries last. */
    void commit() {
        stock.values().forEach(books.inventory()::save);
        orders.values().forEach(books.orders()::save);
        poLines.values().forEach(books.purchaseOrderLines()::save);
        receipts.values().forEach(books.receiptLots()::save);
        soLines.values().forEach(books.salesOrderLines()::save);
        inTransit.forEach((id, transfer) -> transfer.ifPresentOrElse(books.transfersInTransit()::ship,
                () -> books.transfersInTransit().receive(id)));
        entries.forEach(books.journal()::add);
    }
}
