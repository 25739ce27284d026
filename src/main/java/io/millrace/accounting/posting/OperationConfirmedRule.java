package io.millrace.accounting.posting;

import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.WorkCenter;
import java.math.BigDecimal;

/** Dr WIP / Cr conversion cost absorbed: labour and machine minutes at the work centre's rates. */
final class OperationConfirmedRule implements PostingRule<OperationConfirmed> {

    @Override
    public void apply(OperationConfirmed event, PostingContext context) {
        ProductionOrder order = context.activeOrder(event.orderId());
        WorkCenter workCenter = context.master().workCenter(event.workCenter());
        if (workCenter.plant() != null && !workCenter.plant().equals(context.plant())) {
            Lookups.mismatch("work centre " + workCenter.code() + " belongs to plant " + workCenter.plant()
                    + ", not " + context.plant());
        }
        Lookups.notNegative(event.yieldQuantity(), "yieldQuantity");
        BigDecimal labor = Lookups.notNegative(event.laborMinutes(), "laborMinutes");
        BigDecimal machine = Lookups.notNegative(event.machineMinutes(), "machineMinutes");
        BigDecimal amount = Amounts.money(labor.multiply(workCenter.laborRate())
                .add(machine.multiply(workCenter.machineRate())));
        Dimensions dimensions = context.dimensions().withOrder(order.orderId())
                .withCostCenter(workCenter.costCenter());
        context.entry(context.plant(), "Operation " + event.operation() + " confirmed on " + workCenter.code()
                        + " for order " + order.orderId())
                .line(context.accounts().workInProcess(), amount, dimensions)
                .line(context.accounts().conversionAbsorbed(), amount.negate(), dimensions)
                .post();
    }
}
