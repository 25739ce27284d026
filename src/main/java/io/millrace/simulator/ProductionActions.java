package io.millrace.simulator;

import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.WorkCenter;
import io.millrace.simulator.EventFactory.Producer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Production orders through their life: release (finished goods to cover open sales, semi-finished
 * goods to cover what released orders still need), consumption from the supply location first-in
 * first-out, scrap, operation confirmations, completion (some with backflush) and close.
 */
final class ProductionActions {

    static final int MAX_OPEN_ORDERS = 4;
    private static final List<String> SCRAP_REASONS = List.of("DAMAGED", "SETUP", "MATERIAL-DEFECT", "OPERATOR");

    private final PlantState s;
    private final boolean backflushAllowed;

    ProductionActions(PlantState state, boolean backflushAllowed) {
        this.s = state;
        this.backflushAllowed = backflushAllowed;
    }

    void candidates(List<Candidate> out) {
        releaseFinished(out);
        releaseSemiFinished(out);
        for (OrderProgress order : List.copyOf(s.orders.values())) {
            if (order.completed) {
                out.add(new Candidate(2, () -> close(order)));
                continue;
            }
            if (order.backflush && backflushStuck(order)) {
                order.backflush = false; // the line ran dry: draw what there is by hand instead
            }
            consumptions(order, out);
            boolean materialDone = order.backflush || materialDone(order);
            if (order.plannedScrap.signum() > 0 && !order.scrapDeclared && (order.backflush || order.anyConsumed())) {
                out.add(new Candidate(2, () -> scrap(order)));
            }
            if (materialDone && order.scrapSettled() && !order.allConfirmed()) {
                out.add(new Candidate(4, () -> confirm(order)));
            }
            if (order.allConfirmed() && order.scrapSettled() && (order.backflush ? backflushCovered(order) : materialDone)) {
                out.add(new Candidate(4, () -> complete(order)));
            }
        }
    }

    private void releaseFinished(List<Candidate> out) {
        if (s.openOrders().stream().filter(o -> !s.layout.semi(o.item)).count() >= MAX_OPEN_ORDERS) {
            return;
        }
        for (String product : s.layout.products()) {
            String uom = s.uom(product);
            BigDecimal shortage = s.sellable(product).subtract(s.stock.unrestricted(s.layout.finishedGoods(), product))
                    .subtract(s.inProduction(product));
            BigDecimal wanted = Quantities.down(shortage, uom);
            if (wanted.signum() <= 0) {
                continue;
            }
            boolean counted = Quantities.scale(uom) == 0;
            BigDecimal batch = Quantities.between(s.random, BigDecimal.valueOf(counted ? 20 : 50),
                    BigDecimal.valueOf(counted ? 200 : 500), uom).min(wanted);
            if (s.coverable(product, batch, 0)) {
                out.add(new Candidate(3, () -> release(product, batch)));
            }
        }
    }

    private void releaseSemiFinished(List<Candidate> out) {
        for (String semi : semiFinished()) {
            BigDecimal shortfall = s.outstanding(semi).subtract(s.atSupply(semi)).subtract(s.inProduction(semi));
            BigDecimal quantity = Quantities.up(shortfall, s.uom(semi));
            if (quantity.signum() > 0 && s.coverable(semi, quantity, 0)) {
                out.add(new Candidate(6, () -> release(semi, quantity)));
            }
        }
    }

    private Set<String> semiFinished() {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(s.layout.products());
        while (!todo.isEmpty() && out.size() < 100) {
            for (BomComponent c : s.layout.components(todo.remove(0))) {
                if (!s.layout.bought(c.item()) && out.add(c.item())) {
                    todo.add(c.item());
                }
            }
        }
        return out;
    }

    private ObjectNode release(String item, BigDecimal quantity) {
        String uom = s.uom(item);
        boolean finished = !s.layout.semi(item);
        BigDecimal scrap = BigDecimal.ZERO;
        if (finished && quantity.compareTo(BigDecimal.valueOf(20)) >= 0 && s.chance() < 0.2) {
            scrap = Quantities.between(s.random, BigDecimal.ONE, Quantities.up(quantity.movePointLeft(2).multiply(
                    BigDecimal.valueOf(5)), uom).max(BigDecimal.ONE), uom).min(quantity.subtract(BigDecimal.ONE));
        }
        BigDecimal yield = quantity.subtract(scrap);
        // backflush only where the hub's computed draw stays within the unit's precision
        boolean backflush = s.chance() < 0.25 && backflushAllowed && s.layout.components(item).stream().allMatch(c ->
                Quantities.json(c.quantityPer().multiply(yield)).scale() <= Quantities.scale(s.uom(c.item())));
        Map<String, BigDecimal> requirement = new LinkedHashMap<>();
        for (BomComponent c : s.layout.components(item)) {
            BigDecimal need = c.quantityPer().multiply(backflush ? yield : quantity);
            if (!backflush) {
                need = Quantities.up(Quantities.times(need, 0.98 + 0.06 * s.chance()), s.uom(c.item()));
            }
            requirement.merge(c.item(), need, BigDecimal::add);
        }
        List<OrderProgress.Operation> operations = new ArrayList<>();
        List<WorkCenter> centres = s.layout.workCenters();
        for (int i = 0; i < Math.min(3, centres.size()); i++) {
            operations.add(new OrderProgress.Operation(String.format(Locale.ROOT, "%04d", (i + 1) * 10),
                    centres.get(i).code()));
        }
        OrderProgress order = new OrderProgress(s.nextKey("MO"), item, uom, quantity, scrap, requirement,
                operations, backflush);
        s.orders.put(order.id, order);
        ObjectNode data = s.events.data();
        data.put("orderId", order.id);
        data.put("item", item);
        EventFactory.quantity(data, "quantity", quantity);
        data.put("uom", uom);
        return event(Producer.ERP, "mfg.production.order.released", order, data);
    }

    private void consumptions(OrderProgress order, List<Candidate> out) {
        if (order.backflush) {
            return;
        }
        for (String component : order.requirement.keySet()) {
            BigDecimal remaining = order.remaining(component);
            List<StockBook.LotStock> lots = s.stock.lots(s.layout.supply(), component);
            if (remaining.signum() > 0 && !lots.isEmpty()) {
                StockBook.LotStock lot = lots.get(0);
                out.add(new Candidate(5, () -> consume(order, lot, remaining.min(lot.unrestricted()))));
            }
        }
    }

    private ObjectNode consume(OrderProgress order, StockBook.LotStock lot, BigDecimal quantity) {
        s.stock.take(lot.location(), lot.item(), lot.lot(), quantity);
        order.consumed.merge(lot.item(), quantity, BigDecimal::add);
        ObjectNode data = s.events.data();
        data.put("orderId", order.id);
        data.put("item", lot.item());
        data.put("lot", lot.lot());
        EventFactory.quantity(data, "quantity", quantity);
        data.put("uom", s.uom(lot.item()));
        data.put("location", lot.location());
        return event(Producer.MES, "mfg.production.material.consumed", order, data);
    }

    private boolean materialDone(OrderProgress order) {
        return order.requirement.keySet().stream()
                .allMatch(c -> order.remaining(c).signum() == 0 || !s.obtainable(c));
    }

    private boolean backflushCovered(OrderProgress order) {
        return order.requirement.entrySet().stream()
                .allMatch(e -> s.atSupply(e.getKey()).compareTo(e.getValue()) >= 0);
    }

    private boolean backflushStuck(OrderProgress order) {
        return order.requirement.entrySet().stream().anyMatch(e -> s.atSupply(e.getKey()).compareTo(e.getValue()) < 0
                && s.inStore(e.getKey()).signum() == 0 && s.purchasable(e.getKey()).signum() == 0
                && s.openOrders().stream().noneMatch(o -> o.item.equals(e.getKey())));
    }

    private ObjectNode scrap(OrderProgress order) {
        order.scrapDeclared = true;
        ObjectNode data = s.events.data();
        data.put("orderId", order.id);
        EventFactory.quantity(data, "quantity", order.plannedScrap);
        data.put("uom", order.uom);
        data.put("reasonCode", s.pick(SCRAP_REASONS));
        return event(Producer.MES, "mfg.production.scrap.declared", order, data);
    }

    private ObjectNode confirm(OrderProgress order) {
        OrderProgress.Operation operation = order.operations.get(order.confirmed++);
        boolean counted = Quantities.scale(order.uom) == 0;
        ObjectNode data = s.events.data();
        data.put("orderId", order.id);
        data.put("operation", operation.number());
        data.put("workCenter", operation.workCenter());
        EventFactory.quantity(data, "yieldQuantity", order.yield());
        EventFactory.quantity(data, "laborMinutes", minutes(order, counted ? 0.8 : 0.05, counted ? 2.5 : 0.3));
        EventFactory.quantity(data, "machineMinutes", minutes(order, counted ? 1.0 : 0.08, counted ? 3.0 : 0.4));
        return event(Producer.MES, "mfg.production.operation.confirmed", order, data);
    }

    private BigDecimal minutes(OrderProgress order, double low, double high) {
        double perUnit = low + (high - low) * s.chance();
        return Quantities.times(order.quantity, perUnit).setScale(1, RoundingMode.HALF_UP).max(BigDecimal.ONE);
    }

    private ObjectNode complete(OrderProgress order) {
        if (order.backflush) {
            order.requirement.forEach((component, need) -> {
                s.stock.takeFirstInFirstOut(s.layout.supply(), component, need);
                order.consumed.put(component, need);
            });
        }
        String lot = s.newLot();
        String location = s.layout.outputLocation(order.item);
        s.stock.add(location, order.item, lot, order.yield());
        order.completed = true;
        if (!s.layout.semi(order.item) && s.chance() < 0.4) {
            s.uninspectedLots.add(lot);
        }
        ObjectNode data = s.events.data();
        data.put("orderId", order.id);
        data.put("item", order.item);
        data.put("lot", lot);
        EventFactory.quantity(data, "quantity", order.yield());
        data.put("uom", order.uom);
        data.put("location", location);
        if (order.backflush) {
            data.put("backflush", true);
        }
        return event(Producer.MES, "mfg.production.order.completed", order, data);
    }

    private ObjectNode close(OrderProgress order) {
        order.closed = true;
        s.orders.remove(order.id);
        ObjectNode data = s.events.data();
        data.put("orderId", order.id);
        return event(Producer.MES, "mfg.production.order.closed", order, data);
    }

    private ObjectNode event(Producer producer, String type, OrderProgress order, ObjectNode data) {
        return s.events.envelope(s.plant(), producer, type, order.id, order.id, data);
    }
}
