package io.millrace.accounting.books;

import java.math.BigDecimal;

/**
 * What has happened to one PO line: quantity received (net of returns to the vendor) and
 * invoiced, at the PO price fixed at its first receipt. Its GR/IR value is
 * (received - invoiced) x unitPrice, rounded to 2 decimals.
 */
public record PurchaseOrderLineProgress(String purchaseOrder, int line, String plant, String item,
                                        BigDecimal unitPrice, BigDecimal received, BigDecimal invoiced) {

    public BigDecimal open() {
        return received.subtract(invoiced);
    }

    public PurchaseOrderLineProgress withReceived(BigDecimal value) {
        return new PurchaseOrderLineProgress(purchaseOrder, line, plant, item, unitPrice, value, invoiced);
    }

    public PurchaseOrderLineProgress withInvoiced(BigDecimal value) {
        return new PurchaseOrderLineProgress(purchaseOrder, line, plant, item, unitPrice, received, value);
    }
}
