package io.millrace.accounting.posting;

import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.Disposition;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;
import java.util.List;

/**
 * Takes the quantity out of stock, blocked first, then unrestricted. SCRAP: Dr scrap expense /
 * Cr inventory. RETURN_TO_VENDOR: Dr GR/IR at the PO price of the lot's receipt / Cr inventory at
 * std, difference to PPV; the PO line's received quantity goes down.
 */
final class LotRejectedRule implements PostingRule<LotRejected> {

    @Override
    public void apply(LotRejected event, PostingContext context) {
        Item item = context.master().item(event.item());
        context.master().location(event.location());
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        if (event.disposition() == null) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, "disposition must be SCRAP or RETURN_TO_VENDOR");
        }
        if (event.disposition() == Disposition.RETURN_TO_VENDOR) {
            returnableReceipts(context, item, event.lot(), quantity);
        }
        StockKey blocked = new StockKey(context.plant(), event.location(), item.code(), event.lot(), StockStatus.BLOCKED);
        BigDecimal fromBlocked = context.books().quantity(blocked).min(quantity);
        BigDecimal fromUnrestricted = quantity.subtract(fromBlocked);
        BigDecimal valueChange = BigDecimal.ZERO;
        if (fromBlocked.signum() > 0) {
            valueChange = valueChange.add(context.changeStock(blocked, fromBlocked.negate(), context.eventTime()));
        }
        if (fromUnrestricted.signum() > 0) {
            valueChange = valueChange.add(context.changeStock(blocked.withStatus(StockStatus.UNRESTRICTED),
                    fromUnrestricted.negate(), context.eventTime()));
        }
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot());
        String inventory = context.accounts().inventory(item.valuationClass());
        if (event.disposition() == Disposition.SCRAP) {
            context.entry(context.plant(), "Lot " + event.lot() + " of " + item.code() + " scrapped ("
                            + event.reasonCode() + ")")
                    .line(context.accounts().scrapExpense(), Amounts.value(quantity, item.standardCost()), dimensions)
                    .line(inventory, valueChange, dimensions)
                    .balanceTo(context.accounts().roundingDifferences(), dimensions)
                    .post();
        } else {
            PostingContext.EntryBuilder entry = context.entry(context.plant(), "Lot " + event.lot() + " of "
                    + item.code() + " returned to vendor (" + event.reasonCode() + ")").line(inventory, valueChange,
                    dimensions);
            BigDecimal atPoPrice = returnToVendor(context, item, event.lot(), quantity, entry, dimensions);
            entry.line(context.accounts().purchasePriceVariance(),
                            Amounts.value(quantity, item.standardCost()).subtract(atPoPrice), dimensions)
                    .balanceTo(context.accounts().roundingDifferences(), dimensions)
                    .post();
        }
    }

    /** The lot's receipts in this plant that can still go back, oldest first; refuses when too few. */
    private static List<ReceiptLot> returnableReceipts(PostingContext context, Item item, String lot,
                                                       BigDecimal quantity) {
        List<ReceiptLot> receipts = context.books().receiptLots(item.code(), lot).stream()
                .filter(r -> r.plant().equals(context.plant()) && r.returnable().signum() > 0).toList();
        BigDecimal returnable = receipts.stream().map(ReceiptLot::returnable).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (returnable.compareTo(quantity) < 0) {
            throw Refusal.waitFor(ReasonCode.RETURN_NOT_RECEIVED, "lot " + lot + " of " + item.code() + ": "
                    + quantity.toPlainString() + " to return to the vendor, but only " + returnable.toPlainString()
                    + " was received from a supplier in plant " + context.plant() + " and not returned yet",
                    java.util.Set.of(DependencyKeys.receipt(item.code(), lot)));
        }
        return receipts;
    }

    /** Lowers the received quantity of the lot's receipts; answers the returned value at their PO prices. */
    private static BigDecimal returnToVendor(PostingContext context, Item item, String lot, BigDecimal quantity,
                                       PostingContext.EntryBuilder entry, Dimensions dimensions) {
        List<ReceiptLot> receipts = returnableReceipts(context, item, lot, quantity);
        BigDecimal remaining = quantity;
        BigDecimal atPoPrice = BigDecimal.ZERO;
        for (ReceiptLot receipt : receipts) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal portion = receipt.returnable().min(remaining);
            remaining = remaining.subtract(portion);
            context.books().saveReceiptLot(receipt.withReturned(receipt.returned().add(portion)));
            PurchaseOrderLineProgress line = context.books().poLine(receipt.purchaseOrder(), receipt.line())
                    .orElseThrow();
            PurchaseOrderLineProgress after = line.withReceived(line.received().subtract(portion));
            context.books().savePoLine(after);
            BigDecimal grIrChange = Amounts.valueChange(line.open(), after.open(), line.unitPrice());
            String supplier = context.master().data().purchaseOrder(receipt.purchaseOrder())
                    .map(po -> po.supplier()).orElse(null);
            entry.line(context.accounts().grIrClearing(), grIrChange.negate(), dimensions.withSupplier(supplier));
            context.changed(DependencyKeys.poLine(receipt.purchaseOrder(), receipt.line()));
            atPoPrice = atPoPrice.add(Amounts.value(portion, line.unitPrice()));
        }
        return atPoPrice;
    }
}
