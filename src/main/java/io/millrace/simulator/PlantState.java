package io.millrace.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Everything the simulator remembers about one plant: stock, production orders and the progress
 * of purchase and sales order lines, with the planning questions asked of them. Every candidate
 * action checks against this state, and applying the action updates it exactly as the hub's
 * posting would.
 */
final class PlantState {

    final PlantLayout layout;
    final StockBook stock = new StockBook();
    final Map<String, OrderProgress> orders = new LinkedHashMap<>();
    final List<LineProgress> poLines = new ArrayList<>();
    final List<LineProgress> soLines = new ArrayList<>();
    /** Finished lots completed but not yet looked at by quality. */
    final List<String> uninspectedLots = new ArrayList<>();
    /** Finished lots that quality has held (some of their stock may be blocked, or was). */
    final java.util.Set<String> heldLots = new java.util.HashSet<>();
    /** Step at which each raw lot was received, so that counts come well after receipts. */
    final Map<String, Long> receivedAt = new LinkedHashMap<>();
    final RandomGenerator random;
    final EventFactory events;
    private final Map<String, Long> sequences = new LinkedHashMap<>();
    long step;

    PlantState(PlantLayout layout, RandomGenerator random, EventFactory events) {
        this.layout = layout;
        this.random = random;
        this.events = events;
        layout.poLines().forEach(l -> poLines.add(new LineProgress(l.purchaseOrder(), l.supplier(), l.line(),
                l.item(), l.quantity(), l.unitPrice())));
        layout.soLines().forEach(l -> soLines.add(new LineProgress(l.salesOrder(), l.customer(), l.line(),
                l.item(), l.quantity(), l.unitPrice())));
    }

    String plant() {
        return layout.plant();
    }

    /** A new business key such as {@code MO-P100-42-000007}; lots share one counter so their order is FIFO order. */
    String nextKey(String prefix) {
        long n = sequences.merge(prefix, 1L, Long::sum);
        return String.format(Locale.ROOT, "%s-%s-%s-%06d", prefix, plant(), events.run(), n);
    }

    String newLot() {
        return nextKey("L");
    }

    String uom(String item) {
        return layout.item(item).baseUom();
    }

    List<OrderProgress> openOrders() {
        return orders.values().stream().filter(OrderProgress::open).toList();
    }

    /** Component quantity that open orders still have to draw from the supply location. */
    BigDecimal outstanding(String item) {
        return openOrders().stream().map(o -> o.remaining(item)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal inProduction(String item) {
        return openOrders().stream().filter(o -> o.item.equals(item)).map(OrderProgress::yield)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal atSupply(String item) {
        return stock.unrestricted(layout.supply(), item);
    }

    BigDecimal inStore(String item) {
        return stock.unrestricted(layout.store(), item);
    }

    BigDecimal purchasable(String item) {
        return poLines.stream().filter(l -> l.item.equals(item)).map(LineProgress::open)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal sellable(String item) {
        return soLines.stream().filter(l -> l.item.equals(item)).map(LineProgress::open)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Whether a component can still arrive at the supply location for an order that needs it. */
    boolean obtainable(String item) {
        if (atSupply(item).signum() > 0 || inStore(item).signum() > 0 || purchasable(item).signum() > 0) {
            return true;
        }
        return openOrders().stream().anyMatch(o -> o.item.equals(item));
    }

    /** Enough of every bought component, down through semi-finished items, for {@code quantity} of {@code item}. */
    boolean coverable(String item, BigDecimal quantity, int depth) {
        for (var component : layout.components(item)) {
            BigDecimal need = component.quantityPer().multiply(quantity);
            if (layout.bought(component.item())) {
                BigDecimal have = inStore(component.item()).add(atSupply(component.item()))
                        .add(purchasable(component.item())).subtract(outstanding(component.item()));
                if (have.compareTo(need) < 0) {
                    return false;
                }
            } else if (depth > 8 || !coverable(component.item(), need, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    double chance() {
        return random.nextDouble();
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
