package io.millrace.accounting.posting;

import io.millrace.accounting.books.OrderStatus;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Item;
import java.math.BigDecimal;

/**
 * Creates the order with a snapshot of its direct BOM components and the finished item's std. A
 * SEMI component is consumed like any other; it is produced by its own order.
 */
final class OrderReleasedRule implements PostingRule<OrderReleased> {

    @Override
    public void apply(OrderReleased event, PostingContext context) {
        context.books().order(event.orderId()).ifPresent(existing -> {
            throw existing.closed()
                    ? Refusal.reject(ReasonCode.ORDER_CLOSED, "production order " + event.orderId() + " is already closed")
                    : Refusal.reject(ReasonCode.ORDER_ALREADY_RELEASED,
                    "production order " + event.orderId() + " is already released");
        });
        Item item = context.master().item(event.item(), event.uom());
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        Bom bom = context.master().data().bom(item.code()).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_BOM,
                "item " + item.code() + " of order " + event.orderId() + " has no bill of material"));
        for (BomComponent component : bom.components()) {
            context.master().item(component.item());
        }
        context.books().saveOrder(new ProductionOrder(event.orderId(), context.plant(), item.code(), quantity,
                item.baseUom(), new OrderStatus.Released(context.eventTime()), bom.components(), item.standardCost(),
                Amounts.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
        context.changed(DependencyKeys.order(event.orderId()));
    }
}
