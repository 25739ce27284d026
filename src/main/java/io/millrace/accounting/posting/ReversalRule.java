package io.millrace.accounting.posting;

import io.millrace.accounting.books.OrderStatus;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.event.Disposition;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.accounting.event.ScrapDeclared;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.ShipmentLine;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.ValuationClass;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reverses a posted event: its journal entries are posted mirrored (each referring to the entry
 * it reverses), its inventory movements are taken back, and its order, PO or SO progress is
 * undone. Where stock comes back at a standard cost that changed since, the mirrored inventory
 * amount and the sub-ledger's value differ; the difference goes to the revaluation account in an
 * entry of its own, so the GL keeps equal to the sub-ledger. Whatever cannot be undone any more
 * refuses the whole reversal with its own reason; nothing changes then.
 */
final class ReversalRule implements PostingRule<ReversalRequested> {

    private final ReversalTarget target;
    /** Per "plant account": how much the balance accounts (inventory, GR/IR) must change, as undone. */
    private final Map<String, BigDecimal> balanceChange = new TreeMap<>();

    ReversalRule(ReversalTarget target) {
        this.target = target;
    }

    @Override
    public void apply(ReversalRequested request, PostingContext context) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, "a reversal needs a reason");
        }
        String id = request.trackingId();
        if (target == null) {
            throw Refusal.reject(ReasonCode.REVERSAL_UNKNOWN_EVENT, "no accepted event has tracking id " + id);
        }
        checkStanding(id);
        checkScope(id, context);
        undoProgress(target.event(), context);
        List<InventoryMovement> movements = target.movements();
        for (int i = movements.size() - 1; i >= 0; i--) {
            InventoryMovement movement = movements.get(i);
            BigDecimal change = context.undoStock(movement.key(), movement.quantity().negate());
            balanceChange.merge(movement.key().plant() + " " + inventoryAccount(context, movement.key().item()), change,
                    BigDecimal::add);
        }
        Map<String, BigDecimal> mirrored = new TreeMap<>();
        Set<String> balanceAccounts = inventoryAccounts(context);
        balanceAccounts.add(context.accounts().grIrClearing());
        for (JournalEntry entry : context.books().postedEntries(id)) {
            PostingContext.EntryBuilder builder = context.entry(entry.plant(), "Reversal of " + entry.entryId() + " ("
                    + entry.text() + "): " + request.reason()).reversing(entry.entryId())
                    .document(entry.document() == null ? null : entry.document().negated());
            for (JournalLine line : entry.lines()) {
                builder.line(line.account(), line.balance().negate(), line.dimensions());
                if (balanceAccounts.contains(line.account())) {
                    mirrored.merge(line.plant() + " " + line.account(), line.balance().negate(), BigDecimal::add);
                }
            }
            builder.post();
        }
        postDifferences(context, id, mirrored);
    }

    private void checkStanding(String id) {
        switch (target.standing()) {
            case WAITING -> throw Refusal.waitFor(ReasonCode.REVERSAL_NOT_YET_POSTED, "event " + id
                    + " has not posted yet", Set.of(DependencyKeys.done(id)));
            case FAILED -> throw Refusal.reject(ReasonCode.REVERSAL_NOT_POSTED, "event " + id
                    + " never posted (it is an exception): there is nothing to reverse");
            case REVERSED -> throw Refusal.reject(ReasonCode.REVERSAL_ALREADY_REVERSED, "event " + id
                    + " is reversed already");
            case POSTED -> { }
        }
        ManufacturingEvent event = target.event();
        if (event instanceof OrderReleased || event instanceof ReversalRequested
                || event instanceof LotRejected rejected && rejected.disposition() == Disposition.RETURN_TO_VENDOR) {
            throw Refusal.reject(ReasonCode.REVERSAL_NOT_SUPPORTED, "event " + id + " (" + event.type()
                    + ") cannot be reversed: correct it with a new event instead");
        }
        if (event instanceof TransferReceived || event instanceof StockTransferred transfer
                && !transfer.receivingPlant(target.context().plant()).equals(target.context().plant())) {
            throw Refusal.reject(ReasonCode.REVERSAL_NOT_SUPPORTED, "event " + id + " (" + event.type()
                    + ") moved stock between plants, which another plant has taken in: transfer it back instead");
        }
    }

    /** The hub reverses for an operator; a producer only what it sent itself, in the same plant. */
    private void checkScope(String id, PostingContext context) {
        if (ReversalRequested.HUB_SOURCE.equals(context.event().source())) {
            return;
        }
        if (!target.context().source().equals(context.event().source())
                || !target.context().plant().equals(context.plant())) {
            throw Refusal.reject(ReasonCode.REVERSAL_OUT_OF_SCOPE, "event " + id + " came from "
                    + target.context().source() + " in plant " + target.context().plant() + "; a producer may "
                    + "reverse only events of its own source and plant (" + context.event().source() + ", "
                    + context.plant() + ")");
        }
    }

    private void undoProgress(ManufacturingEvent event, PostingContext context) {
        if (event instanceof MaterialConsumed consumed) {
            openOrder(consumed.orderId(), context);
        } else if (event instanceof OperationConfirmed confirmed) {
            openOrder(confirmed.orderId(), context);
        } else if (event instanceof ScrapDeclared scrap) {
            ProductionOrder order = openOrder(scrap.orderId(), context);
            context.books().saveOrder(order.withProgress(order.completedQuantity(),
                    order.scrappedQuantity().subtract(scrap.quantity())));
        } else if (event instanceof OrderCompleted completed) {
            ProductionOrder order = openOrder(completed.orderId(), context);
            context.books().saveOrder(order.withProgress(order.completedQuantity().subtract(completed.quantity()),
                    order.scrappedQuantity()));
        } else if (event instanceof OrderClosed closed) {
            reopen(closed.orderId(), context);
        } else if (event instanceof GoodsReceived receipt) {
            undoReceipt(receipt, context);
        } else if (event instanceof InvoiceReceived invoice) {
            undoInvoice(invoice, context);
        } else if (event instanceof ShipmentConfirmed shipment) {
            undoShipment(shipment, context);
        }
    }

    private static ProductionOrder openOrder(String orderId, PostingContext context) {
        ProductionOrder order = context.books().order(orderId).orElseThrow(() -> Refusal.reject(
                ReasonCode.REVERSAL_NOT_SUPPORTED, "production order " + orderId + " is not in the books"));
        if (order.closed()) {
            throw Refusal.reject(ReasonCode.REVERSAL_ORDER_CLOSED, "production order " + orderId
                    + " is closed and settled: reverse its close first");
        }
        return order;
    }

    private static void reopen(String orderId, PostingContext context) {
        ProductionOrder order = context.books().order(orderId).orElseThrow();
        if (order.status() instanceof OrderStatus.Closed closed) {
            context.books().saveOrder(order.withStatus(new OrderStatus.Released(closed.releasedAt())));
            context.changed(DependencyKeys.order(orderId));
        }
    }

    private void grIrChanged(PostingContext context, PurchaseOrderLineProgress before,
                             PurchaseOrderLineProgress after) {
        balanceChange.merge(before.plant() + " " + context.accounts().grIrClearing(),
                Amounts.valueChange(before.open(), after.open(), before.unitPrice()).negate(), BigDecimal::add);
    }

    private void undoReceipt(GoodsReceived receipt, PostingContext context) {
        PurchaseOrderLineProgress line = context.books().poLine(receipt.purchaseOrder(), receipt.poLine())
                .orElseThrow();
        PurchaseOrderLineProgress after = line.withReceived(line.received().subtract(receipt.quantity()));
        if (after.received().compareTo(after.invoiced()) < 0) {
            throw Refusal.reject(ReasonCode.REVERSAL_ALREADY_INVOICED, "PO " + receipt.purchaseOrder() + " line "
                    + receipt.poLine() + " is invoiced for " + line.invoiced().toPlainString() + "; without receipt "
                    + receipt.receiptId() + " only " + after.received().toPlainString()
                    + " would be received: reverse the invoice first");
        }
        context.books().savePoLine(after);
        grIrChanged(context, line, after);
        context.changed(DependencyKeys.poLine(receipt.purchaseOrder(), receipt.poLine()));
        ReceiptLot lot = context.books().receiptLots(receipt.item(), receipt.lot()).stream()
                .filter(r -> r.purchaseOrder().equals(receipt.purchaseOrder()) && r.line() == receipt.poLine())
                .findFirst().orElseThrow();
        ReceiptLot lotAfter = lot.withReceived(lot.received().subtract(receipt.quantity()));
        if (lotAfter.returnable().signum() < 0) {
            throw Refusal.reject(ReasonCode.REVERSAL_STOCK_USED, "lot " + receipt.lot() + " of " + receipt.item()
                    + " went back to the vendor since receipt " + receipt.receiptId());
        }
        context.books().saveReceiptLot(lotAfter);
    }

    private void undoInvoice(InvoiceReceived invoice, PostingContext context) {
        for (InvoiceLine line : invoice.lines()) {
            PurchaseOrderLineProgress progress = context.books().poLine(line.purchaseOrder(), line.poLine())
                    .orElseThrow();
            PurchaseOrderLineProgress after = progress.withInvoiced(progress.invoiced().subtract(line.quantity()));
            context.books().savePoLine(after);
            grIrChanged(context, progress, after);
            context.changed(DependencyKeys.poLine(line.purchaseOrder(), line.poLine()));
        }
    }

    private static void undoShipment(ShipmentConfirmed shipment, PostingContext context) {
        for (ShipmentLine line : shipment.lines()) {
            SalesOrderLineProgress progress = context.books().soLine(shipment.salesOrder(), line.soLine())
                    .orElseThrow();
            SalesOrderLine soLine = context.master().soLine(context.master().salesOrder(shipment.salesOrder()),
                    line.soLine());
            context.books().saveSoLine(progress.add(line.quantity().negate(),
                    Amounts.value(line.quantity(), soLine.unitPrice()).negate()));
        }
    }

    /**
     * The balance accounts must end where the undone sub-ledger and PO progress put them (ADR 0002):
     * an inventory difference (stock back at a standard cost changed since) goes to revaluation, a
     * GR/IR difference (a cent of rounding of the open value) to rounding differences.
     */
    private void postDifferences(PostingContext context, String id, Map<String, BigDecimal> mirrored) {
        Set<String> keys = new java.util.TreeSet<>(balanceChange.keySet());
        keys.addAll(mirrored.keySet());
        for (String key : keys) {
            BigDecimal difference = balanceChange.getOrDefault(key, BigDecimal.ZERO)
                    .subtract(mirrored.getOrDefault(key, BigDecimal.ZERO));
            if (difference.signum() == 0) {
                continue;
            }
            String[] plantAccount = key.split(" ", 2);
            boolean grIr = plantAccount[1].equals(context.accounts().grIrClearing());
            Dimensions dimensions = Dimensions.plant(plantAccount[0]);
            context.entry(plantAccount[0], (grIr ? "Rounding difference of GR/IR" : "Valuation difference")
                            + " on reversal of " + id)
                    .line(plantAccount[1], difference, dimensions)
                    .line(grIr ? context.accounts().roundingDifferences() : context.accounts().revaluation(),
                            difference.negate(), dimensions)
                    .post();
        }
    }

    private static String inventoryAccount(PostingContext context, String itemCode) {
        Item item = context.master().item(itemCode);
        return context.accounts().inventory(item.valuationClass());
    }

    private static Set<String> inventoryAccounts(PostingContext context) {
        Set<String> accounts = new HashSet<>();
        for (ValuationClass valuationClass : ValuationClass.values()) {
            accounts.add(context.accounts().inventory(valuationClass));
        }
        return accounts;
    }
}
