package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Moves unrestricted stock between locations. Within one plant no entry; across plants Dr
 * inventory [toPlant] / Cr inventory [plant] on the same account at qty x std. Each plant's
 * inventory line is the change of its rounded inventory value; a cent of difference goes to the
 * rounding differences account of that plant, so each plant's side balances (ADR 0002).
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
        StockKey to = new StockKey(toPlant, event.toLocation(), item.code(), event.lot(), StockStatus.UNRESTRICTED);
        Instant receivedAt = context.receivedAtOf(from);
        BigDecimal out = context.changeStock(from, quantity.negate(), receivedAt);
        BigDecimal in = context.changeStock(to, quantity, receivedAt);
        if (toPlant.equals(context.plant())) {
            return;
        }
        BigDecimal nominal = Amounts.value(quantity, item.standardCost());
        String inventory = context.accounts().inventory(item.valuationClass());
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot());
        context.entry(context.plant(), "Transfer " + event.transferId() + ": " + quantity.toPlainString() + " "
                        + item.baseUom() + " " + item.code() + " from plant " + context.plant() + " to " + toPlant)
                .line(inventory, in, dimensions.withPlant(toPlant))
                .line(context.accounts().roundingDifferences(), nominal.subtract(in), dimensions.withPlant(toPlant))
                .line(inventory, out, dimensions)
                .line(context.accounts().roundingDifferences(), nominal.negate().subtract(out), dimensions)
                .post();
    }
}
