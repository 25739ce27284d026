package io.millrace.accounting.books;

import java.util.Objects;

/** Where a quantity of a lot lies: plant, location, item, lot and status. */
public record StockKey(String plant, String location, String item, String lot, StockStatus status) {
    public StockKey {
        Objects.requireNonNull(plant, "plant");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(status, "status");
    }

    public StockKey withStatus(StockStatus other) {
        return new StockKey(plant, location, item, lot, other);
    }
}
