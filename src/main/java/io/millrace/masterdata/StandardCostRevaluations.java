package io.millrace.masterdata;

import io.millrace.accounting.master.Item;
import java.math.BigDecimal;
import java.util.List;

/**
 * Revalues stock on hand when an upsert changes the standard cost of items in stock. Runs inside
 * the upsert's transaction, so the new cost and the revaluation entries commit together. The
 * ledger module supplies it; without one, a cost change of an item in stock is refused.
 */
@FunctionalInterface
public interface StandardCostRevaluations {

    /** One item whose standard cost changes, with the cost it had. */
    record CostChange(Item item, BigDecimal previousCost) {
    }

    /** Posts the revaluation of every change; {@code actor} made the change, {@code changeId} names it. */
    void revalue(List<CostChange> changes, String actor, String changeId);
}
