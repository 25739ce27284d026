package io.millrace.accounting.books;

import io.millrace.accounting.master.BomComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A released production order with the snapshot taken at release: the direct BOM components
 * and the finished item's standard cost; {@code wipBalance} is its WIP balance (debit positive).
 */
public record ProductionOrder(String orderId, String plant, String item, BigDecimal quantity, String uom,
                              OrderStatus status, List<BomComponent> bom, BigDecimal finishedStandardCost,
                              BigDecimal wipBalance, BigDecimal completedQuantity, BigDecimal scrappedQuantity) {
    public ProductionOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        bom = List.copyOf(bom);
    }

    public boolean closed() {
        return status instanceof OrderStatus.Closed;
    }

    public ProductionOrder withWip(BigDecimal newWip) {
        return new ProductionOrder(orderId, plant, item, quantity, uom, status, bom, finishedStandardCost, newWip,
                completedQuantity, scrappedQuantity);
    }

    public ProductionOrder withProgress(BigDecimal completed, BigDecimal scrapped) {
        return new ProductionOrder(orderId, plant, item, quantity, uom, status, bom, finishedStandardCost, wipBalance,
                completed, scrapped);
    }

    public ProductionOrder withStatus(OrderStatus newStatus) {
        return new ProductionOrder(orderId, plant, item, quantity, uom, newStatus, bom, finishedStandardCost,
                wipBalance, completedQuantity, scrappedQuantity);
    }
}
