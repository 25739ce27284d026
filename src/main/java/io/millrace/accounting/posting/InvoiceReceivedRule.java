package io.millrace.accounting.posting;

import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.DocumentAmount;
import io.millrace.accounting.master.ExchangeRate;
import java.time.LocalDate;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per line, after a three-way match: Dr GR/IR at the PO price, the price difference to PPV,
 * Cr AP the invoice total. A quantity above received minus invoiced waits for the receipt while
 * the PO line could still cover it; a price outside the tolerance, or a quantity no receipt can
 * cover, fails the match at once. An operator's approval posts the invoice as it is.
 */
final class InvoiceReceivedRule implements PostingRule<InvoiceReceived> {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final boolean approved;

    InvoiceReceivedRule(boolean approved) {
        this.approved = approved;
    }

    @Override
    public void apply(InvoiceReceived invoice, PostingContext context) {
        context.master().supplier(invoice.supplier());
        if (invoice.lines().isEmpty()) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, "invoice " + invoice.invoiceId() + " has no lines");
        }
        BigDecimal rate = exchangeRate(invoice, context);
        BigDecimal documentTotal = BigDecimal.ZERO;
        List<String> failures = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        Set<String> waitingFor = new LinkedHashSet<>();
        String entryPlant = null;
        PostingContext.EntryBuilder entry = null;
        for (int i = 0; i < invoice.lines().size(); i++) {
            InvoiceLine line = invoice.lines().get(i);
            String label = "invoice " + invoice.invoiceId() + " line " + (i + 1) + " (PO " + line.purchaseOrder() + "/"
                    + line.poLine() + ")";
            PurchaseOrder order = context.master().purchaseOrder(line.purchaseOrder());
            PurchaseOrderLine poLine = context.master().poLine(order, line.poLine());
            if (!order.supplier().equals(invoice.supplier())) {
                Lookups.mismatch(label + ": PO " + order.number() + " is with supplier " + order.supplier() + ", not "
                        + invoice.supplier());
            }
            if (order.plant() != null && !order.plant().equals(context.plant())) {
                Lookups.mismatch(label + ": PO " + order.number() + " belongs to plant " + order.plant() + ", not "
                        + context.plant());
            }
            BigDecimal quantity = Lookups.positive(line.quantity(), "lines[" + i + "].quantity");
            BigDecimal documentPrice = Lookups.notNegative(line.unitPrice(), "lines[" + i + "].unitPrice");
            documentTotal = documentTotal.add(Amounts.value(quantity, documentPrice));
            BigDecimal unitPrice = rate == null ? documentPrice : documentPrice.multiply(rate);
            String plant = order.plant() == null ? context.plant() : order.plant();
            PurchaseOrderLineProgress progress = context.books().poLine(order.number(), poLine.line())
                    .orElse(new PurchaseOrderLineProgress(order.number(), poLine.line(), plant, poLine.item(),
                            poLine.unitPrice(), BigDecimal.ZERO, BigDecimal.ZERO));
            if (!approved) {
                match(label, quantity, unitPrice, progress, poLine, context.settings().priceTolerance(), failures,
                        shortfalls, waitingFor);
            }
            if (entry == null) {
                entryPlant = plant;
                entry = context.entry(entryPlant, "Supplier invoice " + invoice.invoiceId() + " from "
                        + invoice.supplier() + (approved ? " (three-way match approved by " + context.event().actor()
                        + ")" : ""));
            }
            PurchaseOrderLineProgress after = progress.withInvoiced(progress.invoiced().add(quantity));
            context.books().savePoLine(after);
            context.changed(DependencyKeys.poLine(order.number(), poLine.line()));
            BigDecimal grIrChange = Amounts.valueChange(progress.open(), after.open(), progress.unitPrice());
            BigDecimal payable = Amounts.value(quantity, unitPrice);
            Dimensions dimensions = Dimensions.plant(plant).withItem(poLine.item()).withSupplier(invoice.supplier());
            entry.line(context.accounts().grIrClearing(), grIrChange.negate(), dimensions)
                    .line(context.accounts().purchasePriceVariance(),
                            quantity.multiply(unitPrice.subtract(progress.unitPrice())), dimensions)
                    .line(context.accounts().accountsPayable(), payable.negate(), dimensions)
                    .balanceTo(context.accounts().roundingDifferences(), dimensions);
        }
        if (!failures.isEmpty()) {
            failures.addAll(shortfalls);
            throw Refusal.reject(ReasonCode.THREE_WAY_MATCH_FAILED, "three-way match failed: " + String.join("; ", failures));
        }
        if (!shortfalls.isEmpty()) {
            throw Refusal.waitFor(ReasonCode.INVOICE_QUANTITY_NOT_RECEIVED, String.join("; ", shortfalls), waitingFor);
        }
        if (rate != null) {
            entry.document(new DocumentAmount(invoice.currency(), Amounts.money(documentTotal), rate));
        }
        entry.post();
    }

    /**
     * Null when the invoice is in the company currency (or names none); else the rate of the
     * invoice's date from master data, without which the invoice is an exception.
     */
    private static BigDecimal exchangeRate(InvoiceReceived invoice, PostingContext context) {
        String currency = invoice.currency();
        if (currency == null || currency.equals(context.settings().companyCurrency())) {
            return null;
        }
        LocalDate day = LocalDate.ofInstant(context.eventTime(), context.settings().periodZone());
        return context.master().data().exchangeRate(currency, day).map(ExchangeRate::rate)
                .orElseThrow(() -> Refusal.reject(ReasonCode.EXCHANGE_RATE_MISSING, "invoice " + invoice.invoiceId()
                        + " is in " + currency + ", the books in " + context.settings().companyCurrency()
                        + ", and master data has no " + currency + " exchange rate valid on " + day));
    }

    private static void match(String label, BigDecimal quantity, BigDecimal unitPrice, PurchaseOrderLineProgress progress,
                       PurchaseOrderLine poLine, BigDecimal tolerance, List<String> failures, List<String> shortfalls,
                       Set<String> waitingFor) {
        BigDecimal poPrice = progress.unitPrice();
        BigDecimal allowed = poPrice.multiply(tolerance);
        if (unitPrice.subtract(poPrice).abs().compareTo(allowed) > 0) {
            failures.add(label + ": unit price " + unitPrice.toPlainString() + " differs from the PO price "
                    + poPrice.toPlainString() + " by " + percent(unitPrice.subtract(poPrice), poPrice)
                    + " %, more than the tolerance of " + tolerance.multiply(HUNDRED).stripTrailingZeros().toPlainString()
                    + " %");
        }
        BigDecimal available = progress.open();
        if (quantity.compareTo(available) > 0) {
            String numbers = label + ": quantity " + quantity.toPlainString() + " exceeds received "
                    + progress.received().toPlainString() + " minus invoiced " + progress.invoiced().toPlainString()
                    + " = " + available.toPlainString();
            if (progress.invoiced().add(quantity).compareTo(poLine.quantity()) > 0) {
                failures.add(numbers + ", and the PO line orders only " + poLine.quantity().toPlainString());
            } else {
                shortfalls.add(numbers);
                waitingFor.add(DependencyKeys.poLine(progress.purchaseOrder(), progress.line()));
            }
        }
    }

    private static String percent(BigDecimal difference, BigDecimal base) {
        if (base.signum() == 0) {
            return "inf";
        }
        return difference.multiply(HUNDRED).divide(base, 2, RoundingMode.HALF_UP).toPlainString();
    }
}
