package io.millrace.accounting.posting;

import io.millrace.accounting.books.StockKey;
import java.math.BigDecimal;

/** One change of the inventory sub-ledger: {@code quantity} is signed (+ in, - out). */
public record InventoryMovement(StockKey key, BigDecimal quantity, String trackingId) {
}
