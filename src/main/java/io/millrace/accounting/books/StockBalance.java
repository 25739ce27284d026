package io.millrace.accounting.books;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The quantity (base unit, up to 6 decimals, never negative) of one stock key.
 *
 * @param receivedAt when the lot first came into this place (the event time of its receipt,
 *                   completion or the receipt it was moved from): backflush draws the oldest first
 */
public record StockBalance(StockKey key, BigDecimal quantity, Instant receivedAt) {
    public StockBalance {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException("stock " + key + " would be negative: " + quantity);
        }
    }

    public BigDecimal valueAt(BigDecimal standardCost) {
        return quantity.multiply(standardCost);
    }
}
