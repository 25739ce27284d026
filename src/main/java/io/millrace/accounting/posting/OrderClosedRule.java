package io.millrace.accounting.posting;

import io.millrace.accounting.books.OrderStatus;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.ledger.Dimensions;
import java.math.BigDecimal;
import java.time.Instant;

/** Settles the order's remaining WIP to production variance; afterwards its WIP is zero. */
final class OrderClosedRule implements PostingRule<OrderClosed> {

    @Override
    public void apply(OrderClosed event, PostingContext context) {
        ProductionOrder order = context.activeOrder(event.orderId());
        BigDecimal variance = order.wipBalance();
        Dimensions dimensions = context.dimensions().withOrder(order.orderId()).withItem(order.item());
        context.entry(context.plant(), "Order " + order.orderId() + " closed: WIP settled to production variance")
                .line(context.accounts().productionVariance(), variance, dimensions)
                .line(context.accounts().workInProcess(), variance.negate(), dimensions)
                .post();
        ProductionOrder settled = context.books().order(order.orderId()).orElseThrow();
        Instant releasedAt = settled.status() instanceof OrderStatus.Released released ? released.releasedAt() : null;
        context.books().saveOrder(settled.withStatus(new OrderStatus.Closed(releasedAt, context.eventTime(), variance)));
        context.changed(DependencyKeys.order(order.orderId()));
        context.publish(new OutboundMessage(OutboundMessage.VARIANCE_SETTLED, order.orderId(), context.plant(),
                new OutboundMessage.VarianceSettled(order.orderId(), order.item(), settled.completedQuantity(),
                        settled.scrappedQuantity(), variance, context.accounts().productionVariance())));
    }
}
