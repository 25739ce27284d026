package io.millrace.accounting.posting;

import io.millrace.accounting.master.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A new standard cost for an item, as master data changes it: who changed it, when, and an id
 * naming the change on the revaluation entries.
 */
public record StandardCostChange(String changeId, Item item, BigDecimal previousCost, String actor, Instant at) {
    public StandardCostChange {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(previousCost, "previousCost");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    public BigDecimal newCost() {
        return item.standardCost();
    }
}
