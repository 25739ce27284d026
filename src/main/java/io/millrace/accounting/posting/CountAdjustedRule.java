package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.CountAdjusted;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;

/**
 * The book quantity of the lot at the location (unrestricted plus blocked) becomes the counted
 * quantity. A gain goes to unrestricted stock; a loss comes out of unrestricted stock first,
 * then blocked. Dr inventory / Cr inventory adjustments for a gain, the reverse for a loss.
 */
final class CountAdjustedRule implements PostingRule<CountAdjusted> {

    @Override
    public void apply(CountAdjusted event, PostingContext context) {
        Item item = context.master().item(event.item(), event.uom());
        context.master().location(event.location());
        BigDecimal counted = Lookups.notNegative(event.countedQuantity(), "countedQuantity");
        StockKey unrestricted = new StockKey(context.plant(), event.location(), item.code(), event.lot(),
                StockStatus.UNRESTRICTED);
        StockKey blocked = unrestricted.withStatus(StockStatus.BLOCKED);
        BigDecimal free = context.books().quantity(unrestricted);
        BigDecimal book = free.add(context.books().quantity(blocked));
        BigDecimal difference = counted.subtract(book);
        BigDecimal valueChange = BigDecimal.ZERO;
        if (difference.signum() > 0) {
            valueChange = context.changeStock(unrestricted, difference, context.eventTime());
        } else if (difference.signum() < 0) {
            BigDecimal loss = difference.negate();
            BigDecimal fromFree = free.min(loss);
            if (fromFree.signum() > 0) {
                valueChange = valueChange.add(context.changeStock(unrestricted, fromFree.negate(), context.eventTime()));
            }
            if (loss.compareTo(fromFree) > 0) {
                valueChange = valueChange.add(context.changeStock(blocked, fromFree.subtract(loss), context.eventTime()));
            }
        }
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot());
        context.entry(context.plant(), "Count " + event.countId() + ": " + item.code() + " lot " + event.lot() + " at "
                        + event.location() + " counted " + counted.toPlainString() + ", book " + book.toPlainString())
                .line(context.accounts().inventory(item.valuationClass()), valueChange, dimensions)
                .line(context.accounts().inventoryAdjustments(), Amounts.value(difference, item.standardCost()).negate(),
                        dimensions)
                .balanceTo(context.accounts().roundingDifferences(), dimensions)
                .post();
    }
}
