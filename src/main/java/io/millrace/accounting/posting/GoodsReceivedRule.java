package io.millrace.accounting.posting;

import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Dr inventory at std / Cr GR/IR at the PO price / difference to PPV (a debit when the PO price
 * is above std); the lot comes into unrestricted stock. A receipt may not exceed the line's
 * open quantity.
 */
final class GoodsReceivedRule implements PostingRule<GoodsReceived> {

    @Override
    public void apply(GoodsReceived event, PostingContext context) {
        PurchaseOrder order = context.master().purchaseOrder(event.purchaseOrder());
        PurchaseOrderLine line = context.master().poLine(order, event.poLine());
        Item item = context.master().item(event.item(), event.uom());
        if (!line.item().equals(item.code())) {
            Lookups.mismatch("PO " + order.number() + " line " + line.line() + " is for " + line.item() + ", not "
                    + item.code());
        }
        if (order.plant() != null && !order.plant().equals(context.plant())) {
            Lookups.mismatch("PO " + order.number() + " belongs to plant " + order.plant() + ", not " + context.plant());
        }
        context.master().location(event.location());
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        PurchaseOrderLineProgress progress = context.books().poLine(order.number(), line.line())
                .orElse(new PurchaseOrderLineProgress(order.number(), line.line(), context.plant(), line.item(),
                        line.unitPrice(), BigDecimal.ZERO, BigDecimal.ZERO));
        BigDecimal open = line.quantity().subtract(progress.received());
        if (quantity.compareTo(open) > 0) {
            throw Refusal.reject(ReasonCode.RECEIPT_OVER_OPEN_QUANTITY, "receipt " + event.receiptId() + " of "
                    + quantity.toPlainString() + " " + item.baseUom() + " exceeds the open quantity "
                    + open.toPlainString() + " of PO " + order.number() + " line " + line.line() + " (ordered "
                    + line.quantity().toPlainString() + ", received " + progress.received().toPlainString() + ")");
        }
        StockKey key = new StockKey(context.plant(), event.location(), item.code(), event.lot(),
                StockStatus.UNRESTRICTED);
        BigDecimal inventoryChange = context.changeStock(key, quantity, context.eventTime());
        PurchaseOrderLineProgress after = progress.withReceived(progress.received().add(quantity));
        BigDecimal grIrChange = Amounts.valueChange(progress.open(), after.open(), progress.unitPrice());
        context.books().savePoLine(after);
        recordLot(context, order, line, event, quantity, progress.unitPrice());
        context.changed(DependencyKeys.poLine(order.number(), line.line()));
        context.changed(DependencyKeys.receipt(item.code(), event.lot()));
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot())
                .withSupplier(order.supplier());
        context.entry(context.plant(), "Goods receipt " + event.receiptId() + ": PO " + order.number() + "/"
                        + line.line() + ", " + quantity.toPlainString() + " " + item.baseUom() + " " + item.code())
                .line(context.accounts().inventory(item.valuationClass()), inventoryChange, dimensions)
                .line(context.accounts().grIrClearing(), grIrChange.negate(), dimensions)
                .line(context.accounts().purchasePriceVariance(), Amounts.value(quantity, progress.unitPrice())
                        .subtract(Amounts.value(quantity, item.standardCost())), dimensions)
                .balanceTo(context.accounts().roundingDifferences(), dimensions)
                .post();
    }

    private static void recordLot(PostingContext context, PurchaseOrder order, PurchaseOrderLine line,
                                  GoodsReceived event, BigDecimal quantity, BigDecimal price) {
        Optional<ReceiptLot> existing = context.books().receiptLots(event.item(), event.lot()).stream()
                .filter(r -> r.purchaseOrder().equals(order.number()) && r.line() == line.line()).findFirst();
        context.books().saveReceiptLot(existing.map(r -> r.withReceived(r.received().add(quantity)))
                .orElse(new ReceiptLot(order.number(), line.line(), context.plant(), event.item(), event.lot(), price,
                        quantity, BigDecimal.ZERO, context.eventTime())));
    }
}
