package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Moves unrestricted stock between locations. Within one plant no entry. Across plants this is the
 * first of two steps (ADR 0019): the stock leaves the sending plant into transit, Dr stock in
 * transit [toPlant] / Cr inventory [plant] at qty x std, and the receiving plant takes it in with
 * the {@link TransferReceivedRule hub's receipt}, applied in that plant's own order. The sending
 * plant's inventory line is the change of its rounded inventory value; a cent of difference goes
 * to the rounding differences account of that plant (ADR 0002). Once received, each plant's books
 * are what the one-step rule of postings.md gives, and stock in transit is back at zero.
 */
final class StockTransferredRule implements PostingRule<StockTransferred> {

    @Override
    public void apply(StockTransferred event, PostingContext context) {
        Item item = context.master().item(event.item(), event.uom());
        String toPlant = event.receivingPlant(context.plant());
        context.master().plant(toPlant);
        context.master().location(event.fromLocation(), context.plant());
        context.master().location(event.toLocation(), toPlant);
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        if (event.fromLocation().equals(event.toLocation())) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, "transfer " + event.transferId() + " moves from and to "
                    + event.fromLocation());
        }
        StockKey from = new StockKey(context.plant(), event.fromLocation(), item.code(), event.lot(),
                StockStatus.UNRESTRICTED);
        Instant receivedAt = context.receivedAtOf(from);
        BigDecimal out = context.changeStock(from, quantity.negate(), receivedAt);
        if (toPlant.equals(context.plant())) {
            context.changeStock(new StockKey(toPlant, event.toLocation(), item.code(), event.lot(),
                    StockStatus.UNRESTRICTED), quantity, receivedAt);
            return;
        }
        BigDecimal nominal = Amounts.value(quantity, item.standardCost());
        String inventory = context.accounts().inventory(item.valuationClass());
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot());
        context.entry(context.plant(), "Transfer " + event.transferId() + ": " + quantity.toPlainString() + " "
                        + item.baseUom() + " " + item.code() + " shipped from plant " + context.plant() + " to "
                        + toPlant + ", in transit")
                .line(context.accounts().stockInTransit(), nominal, dimensions.withPlant(toPlant))
                .line(inventory, out, dimensions)
                .line(context.accounts().roundingDifferences(), nominal.negate().subtract(out), dimensions)
                .post();
        context.books().shipToTransit(new TransferInTransit(context.event().trackingId(), event.transferId(),
                context.plant(), toPlant, item.code(), event.lot(), quantity, event.toLocation(), nominal,
                receivedAt, context.eventTime()));
    }
}
