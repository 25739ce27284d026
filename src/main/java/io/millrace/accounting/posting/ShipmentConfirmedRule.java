package io.millrace.accounting.posting;

import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.ShipmentLine;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Two entries: Dr COGS / Cr inventory at std, and the customer invoice Dr AR / Cr revenue at the
 * sales order price (plus output tax where a rate is configured); publishes invoice.issued.
 */
final class ShipmentConfirmedRule implements PostingRule<ShipmentConfirmed> {

    @Override
    public void apply(ShipmentConfirmed shipment, PostingContext context) {
        SalesOrder order = context.master().salesOrder(shipment.salesOrder());
        context.master().customer(shipment.customer());
        if (!order.customer().equals(shipment.customer())) {
            Lookups.mismatch("sales order " + order.number() + " is for customer " + order.customer() + ", not "
                    + shipment.customer());
        }
        if (order.plant() != null && !order.plant().equals(context.plant())) {
            Lookups.mismatch("sales order " + order.number() + " belongs to plant " + order.plant() + ", not "
                    + context.plant());
        }
        if (shipment.lines().isEmpty()) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, "shipment " + shipment.shipmentId() + " has no lines");
        }
        Dimensions customer = context.dimensions().withCustomer(order.customer());
        PostingContext.EntryBuilder cogs = context.entry(context.plant(), "Shipment " + shipment.shipmentId()
                + ": cost of goods sold");
        PostingContext.EntryBuilder billing = context.entry(context.plant(), "Shipment " + shipment.shipmentId()
                + ": invoice to " + order.customer() + " for sales order " + order.number());
        List<OutboundMessage.InvoiceIssuedLine> billed = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        for (int i = 0; i < shipment.lines().size(); i++) {
            ShipmentLine line = shipment.lines().get(i);
            SalesOrderLine soLine = context.master().soLine(order, line.soLine());
            Item item = context.master().item(line.item(), line.uom());
            if (!soLine.item().equals(item.code())) {
                Lookups.mismatch("sales order " + order.number() + " line " + soLine.line() + " is for "
                        + soLine.item() + ", not " + item.code());
            }
            context.master().location(line.location());
            BigDecimal quantity = Lookups.positive(line.quantity(), "lines[" + i + "].quantity");
            StockKey key = new StockKey(context.plant(), line.location(), item.code(), line.lot(),
                    StockStatus.UNRESTRICTED);
            BigDecimal valueChange = context.changeStock(key, quantity.negate(), context.eventTime());
            Dimensions dimensions = customer.withItem(item.code()).withLot(line.lot());
            cogs.line(context.accounts().costOfGoodsSold(), Amounts.value(quantity, item.standardCost()), dimensions)
                    .line(context.accounts().inventory(item.valuationClass()), valueChange, dimensions)
                    .balanceTo(context.accounts().roundingDifferences(), dimensions);
            BigDecimal amount = Amounts.value(quantity, soLine.unitPrice());
            billing.line(context.accounts().revenue(), amount.negate(), dimensions);
            net = net.add(amount);
            billed.add(new OutboundMessage.InvoiceIssuedLine(soLine.line(), item.code(), quantity, soLine.unitPrice(),
                    amount));
            SalesOrderLineProgress progress = context.books().soLine(order.number(), soLine.line())
                    .orElse(new SalesOrderLineProgress(order.number(), soLine.line(), BigDecimal.ZERO, Amounts.ZERO));
            context.books().saveSoLine(progress.add(quantity, amount));
        }
        BigDecimal rate = context.settings().outputTaxRate();
        BigDecimal tax = rate == null ? Amounts.ZERO : Amounts.money(net.multiply(rate));
        billing.line(context.accounts().outputTax(), tax.negate(), customer)
                .line(context.accounts().accountsReceivable(), net.add(tax), customer);
        cogs.post();
        billing.post();
        context.publish(new OutboundMessage(OutboundMessage.INVOICE_ISSUED, order.number(), context.plant(),
                new OutboundMessage.InvoiceIssued("SI-" + shipment.shipmentId(), shipment.shipmentId(), order.number(),
                        order.customer(), billed, Amounts.money(net), tax, Amounts.money(net.add(tax)))));
    }
}
