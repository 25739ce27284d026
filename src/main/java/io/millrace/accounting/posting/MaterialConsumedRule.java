package io.millrace.accounting.posting;

import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;

/** Dr WIP [order] / Cr inventory of the component's class; the lot leaves unrestricted stock. */
final class MaterialConsumedRule implements PostingRule<MaterialConsumed> {

    @Override
    public void apply(MaterialConsumed event, PostingContext context) {
        ProductionOrder order = context.activeOrder(event.orderId());
        Item item = context.master().item(event.item(), event.uom());
        context.master().location(event.location());
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        consume(context, order, item, event.lot(), event.location(), quantity);
    }

    /** Consumes one lot into the order; also used by backflush. */
    static void consume(PostingContext context, ProductionOrder order, Item item, String lot, String location,
                        BigDecimal quantity) {
        StockKey key = new StockKey(context.plant(), location, item.code(), lot, StockStatus.UNRESTRICTED);
        BigDecimal valueChange = context.changeStock(key, quantity.negate(), context.eventTime());
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(lot);
        context.entry(context.plant(), "Material consumed: " + quantity.toPlainString() + " " + item.baseUom() + " "
                        + item.code() + " lot " + lot + " into order " + order.orderId())
                .line(context.accounts().workInProcess(), Amounts.value(quantity, item.standardCost()),
                        dimensions.withOrder(order.orderId()))
                .line(context.accounts().inventory(item.valuationClass()), valueChange, dimensions)
                .balanceTo(context.accounts().roundingDifferences(), dimensions)
                .post();
    }
}
