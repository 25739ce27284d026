package io.millrace.accounting.books;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lot received against a PO line, with the PO price of that receipt, so that a return to the
 * vendor credits GR/IR at the price it was received at. Keyed by (purchaseOrder, line, item, lot).
 */
public record ReceiptLot(String purchaseOrder, int line, String plant, String item, String lot,
                         BigDecimal unitPrice, BigDecimal received, BigDecimal returned, Instant receivedAt) {

    /** Quantity that can still go back to the vendor. */
    public BigDecimal returnable() {
        return received.subtract(returned);
    }

    public ReceiptLot withReceived(BigDecimal value) {
        return new ReceiptLot(purchaseOrder, line, plant, item, lot, unitPrice, value, returned, receivedAt);
    }

    public ReceiptLot withReturned(BigDecimal value) {
        return new ReceiptLot(purchaseOrder, line, plant, item, lot, unitPrice, received, value, receivedAt);
    }
}
