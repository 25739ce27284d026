package io.millrace.accounting.posting;

import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.event.ScrapDeclared;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import java.math.BigDecimal;

/** Dr scrap expense / Cr WIP: quantity x the finished item's std of the release snapshot. */
final class ScrapDeclaredRule implements PostingRule<ScrapDeclared> {

    @Override
    public void apply(ScrapDeclared event, PostingContext context) {
        ProductionOrder order = context.activeOrder(event.orderId());
        context.master().item(order.item(), event.uom());
        BigDecimal quantity = Lookups.positive(event.quantity(), "quantity");
        BigDecimal amount = Amounts.value(quantity, order.finishedStandardCost());
        Dimensions dimensions = context.dimensions().withOrder(order.orderId()).withItem(order.item());
        context.entry(context.plant(), "Scrap declared: " + quantity.toPlainString() + " " + order.uom() + " "
                        + order.item() + " on order " + order.orderId() + " (" + event.reasonCode() + ")")
                .line(context.accounts().scrapExpense(), amount, dimensions)
                .line(context.accounts().workInProcess(), amount.negate(), dimensions)
                .post();
        ProductionOrder changed = context.books().order(order.orderId()).orElseThrow();
        context.books().saveOrder(changed.withProgress(changed.completedQuantity(),
                changed.scrappedQuantity().add(quantity)));
    }
}
