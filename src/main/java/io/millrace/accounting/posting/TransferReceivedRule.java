package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;

/**
 * The second step of a transfer between plants, in the receiving plant: the stock in transit
 * comes in at {@code toLocation}, Dr inventory [plant] / Cr stock in transit [plant] by the value
 * the shipment put in transit. The inventory line is the change of the plant's rounded inventory
 * value, a cent of difference goes to rounding differences (ADR 0002) and, should the standard cost
 * have changed while the stock travelled, the change to the revaluation account, as a
 * revaluation of stock on hand would have posted it.
 */
final class TransferReceivedRule implements PostingRule<TransferReceived> {

    @Override
    public void apply(TransferReceived event, PostingContext context) {
        if (!TransferReceived.HUB_SOURCE.equals(context.event().source())) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, "only the hub receives transfers from transit (source "
                    + TransferReceived.HUB_SOURCE + "), not " + context.event().source());
        }
        TransferInTransit transfer = context.books().inTransit(event.transferTrackingId())
                .orElseThrow(() -> Refusal.reject(ReasonCode.TRANSFER_NOT_IN_TRANSIT, "transfer "
                        + event.transferId() + " (event " + event.transferTrackingId()
                        + ") is not in transit: it was received already or never shipped"));
        if (!transfer.toPlant().equals(context.plant()) || !transfer.item().equals(event.item())
                || !transfer.lot().equals(event.lot()) || transfer.quantity().compareTo(event.quantity()) != 0
                || !transfer.toLocation().equals(event.toLocation())) {
            Lookups.mismatch("the receipt of transfer " + transfer.transferId() + " names " + event.quantity()
                    + " " + event.item() + " lot " + event.lot() + " for " + event.toLocation() + " in plant "
                    + context.plant() + ", but " + transfer.quantity() + " " + transfer.item() + " lot "
                    + transfer.lot() + " for " + transfer.toLocation() + " in plant " + transfer.toPlant()
                    + " are in transit");
        }
        Item item = context.master().item(event.item(), event.uom());
        context.master().location(event.toLocation(), context.plant());
        StockKey to = new StockKey(context.plant(), event.toLocation(), item.code(), event.lot(),
                StockStatus.UNRESTRICTED);
        BigDecimal in = context.changeStock(to, transfer.quantity(), transfer.stockSince());
        BigDecimal nominal = Amounts.value(transfer.quantity(), item.standardCost());
        String inventory = context.accounts().inventory(item.valuationClass());
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot());
        context.entry(context.plant(), "Transfer " + transfer.transferId() + ": "
                        + transfer.quantity().toPlainString() + " " + item.baseUom() + " " + item.code()
                        + " received in plant " + context.plant() + " from " + transfer.fromPlant())
                .line(inventory, in, dimensions)
                .line(context.accounts().stockInTransit(), transfer.value().negate(), dimensions)
                .line(context.accounts().revaluation(), transfer.value().subtract(nominal), dimensions)
                .line(context.accounts().roundingDifferences(), nominal.subtract(in), dimensions)
                .post();
        context.books().receiveFromTransit(transfer.transferTrackingId());
    }
}
