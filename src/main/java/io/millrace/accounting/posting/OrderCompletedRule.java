package io.millrace.accounting.posting;

import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;

/**
 * Dr inventory of the finished item's class / Cr WIP; with backflush, the BOM components are
 * consumed first from the plant's SUPPLY locations, oldest lots first.
 */
final class OrderCompletedRule implements PostingRule<OrderCompleted> {

    @Override
    public void apply(OrderCompleted event, PostingContext context) {
        ProductionOrder order = context.activeOrder(event.orderId());
        if (!order.item().equals(event.item())) {
            Lookups.mismatch("order " + order.orderId() + " produces " + order.item() + ", not " + event.item());
        }
        Item item = context.master().item(event.item(), event.uom());
        context.master().location(event.location());
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        if (Boolean.TRUE.equals(event.backflush())) {
            new Backflush(context, order).consumeFor(quantity);
        }
        StockKey key = new StockKey(context.plant(), event.location(), item.code(), event.lot(),
                StockStatus.UNRESTRICTED);
        BigDecimal valueChange = context.changeStock(key, quantity, context.eventTime());
        Dimensions dimensions = context.dimensions().withItem(item.code()).withLot(event.lot());
        context.entry(context.plant(), "Order " + order.orderId() + " completed: " + quantity.toPlainString() + " "
                        + item.baseUom() + " " + item.code() + " lot " + event.lot())
                .line(context.accounts().inventory(item.valuationClass()), valueChange, dimensions)
                .line(context.accounts().workInProcess(), Amounts.value(quantity, item.standardCost()).negate(),
                        dimensions.withOrder(order.orderId()))
                .balanceTo(context.accounts().roundingDifferences(), dimensions)
                .post();
        ProductionOrder changed = context.books().order(order.orderId()).orElseThrow();
        context.books().saveOrder(changed.withProgress(changed.completedQuantity().add(quantity),
                changed.scrappedQuantity()));
    }
}
