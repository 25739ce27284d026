package io.millrace.simulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's view of one production order from release to close. */
final class OrderProgress {

    record Operation(String number, String workCenter) {
    }

    final String id;
    final String item;
    final String uom;
    final BigDecimal quantity;
    final BigDecimal plannedScrap;
    /** What the shop floor will actually draw per component: the BOM need give or take a few per cent. */
    final Map<String, BigDecimal> requirement;
    final Map<String, BigDecimal> consumed = new LinkedHashMap<>();
    final List<Operation> operations;
    boolean backflush;
    int confirmed;
    boolean scrapDeclared;
    boolean completed;
    boolean closed;

    OrderProgress(String id, String item, String uom, BigDecimal quantity, BigDecimal plannedScrap,
                  Map<String, BigDecimal> requirement, List<Operation> operations, boolean backflush) {
        this.id = id;
        this.item = item;
        this.uom = uom;
        this.quantity = quantity;
        this.plannedScrap = plannedScrap;
        this.requirement = requirement;
        this.operations = List.copyOf(operations);
        this.backflush = backflush;
        requirement.keySet().forEach(c -> consumed.put(c, BigDecimal.ZERO));
    }

    BigDecimal yield() {
        return quantity.subtract(plannedScrap);
    }

    boolean open() {
        return !completed;
    }

    /** Component still to be drawn before completion (for backflush orders, all of it). */
    BigDecimal remaining(String component) {
        BigDecimal need = requirement.getOrDefault(component, BigDecimal.ZERO);
        BigDecimal left = need.subtract(consumed.getOrDefault(component, BigDecimal.ZERO));
        return completed || left.signum() < 0 ? BigDecimal.ZERO : left;
    }

    boolean anyConsumed() {
        return consumed.values().stream().anyMatch(q -> q.signum() > 0);
    }

    boolean scrapSettled() {
        return plannedScrap.signum() == 0 || scrapDeclared;
    }

    boolean allConfirmed() {
        return confirmed == operations.size();
    }
}
