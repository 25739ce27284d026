package io.millrace.accounting.posting;

import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Consumes the order's BOM components for a completed quantity from the plant's SUPPLY locations,
 * first in first out: the lot that came into its place earliest goes first (ties: location, lot).
 * Each draw posts as a material consumption. When a component is short, the completion waits for
 * more supply of that component.
 */
final class Backflush {

    private static final Comparator<StockBalance> FIFO = Comparator.comparing(StockBalance::receivedAt)
            .thenComparing(b -> b.key().location()).thenComparing(b -> b.key().lot());

    private final PostingContext context;
    private final ProductionOrder order;

    Backflush(PostingContext context, ProductionOrder order) {
        this.context = context;
        this.order = order;
    }

    void consumeFor(BigDecimal completed) {
        List<Location> supply = context.master().data().locationsOf(context.plant()).stream()
                .filter(l -> l.role() == LocationRole.SUPPLY).toList();
        if (supply.isEmpty()) {
            throw Refusal.reject(ReasonCode.UNKNOWN_LOCATION,
                    "plant " + context.plant() + " has no SUPPLY location to backflush order " + order.orderId() + " from");
        }
        for (BomComponent component : order.bom()) {
            Item item = context.master().item(component.item());
            BigDecimal required = Amounts.quantity(component.quantityPer().multiply(completed));
            if (required.signum() > 0) {
                draw(item, required, supply);
            }
        }
    }

    private void draw(Item item, BigDecimal required, List<Location> supply) {
        List<StockBalance> lots = supply.stream()
                .flatMap(l -> context.books().atLocation(context.plant(), l.code(), item.code()).stream())
                .filter(b -> b.key().status() == StockStatus.UNRESTRICTED && b.quantity().signum() > 0)
                .sorted(FIFO).toList();
        BigDecimal available = lots.stream().map(StockBalance::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (available.compareTo(required) < 0) {
            throw Refusal.waitFor(ReasonCode.NEGATIVE_STOCK, "backflush of order " + order.orderId() + " needs "
                            + required.toPlainString() + " " + item.baseUom() + " " + item.code() + " at the SUPPLY locations of "
                            + context.plant() + ", " + available.toPlainString() + " available",
                    Set.of(DependencyKeys.supply(context.plant(), item.code())));
        }
        BigDecimal remaining = required;
        for (StockBalance lot : lots) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal take = lot.quantity().min(remaining);
            MaterialConsumedRule.consume(context, order, item, lot.key().lot(), lot.key().location(), take);
            remaining = remaining.subtract(take);
        }
    }
}
