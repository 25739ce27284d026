package io.millrace.ledger;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.CountAdjusted;
import io.millrace.accounting.event.Disposition;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.LotHeld;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.event.LotReleased;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.ScrapDeclared;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.ShipmentLine;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random stream of events over the worked example's plant, with a few lots and orders
 * so that events collide on the same stock, order and PO lines; many of them wait or are refused,
 * which the persisted books must handle exactly like the in-memory ones.
 */
final class RandomStream {

    private static final String[] RAW = {"RM-STEEL", "RM-PAINT"};
    private static final String[] LOTS = {"L1", "L2", "L3"};

    private final Random random;

    RandomStream(long seed) {
        this.random = new Random(seed);
    }

    static InMemoryMasterData masterData() {
        return WorkedExample.masterData()
                .put(new PurchaseOrder("4500009", "S-ACME", "P100", List.of(
                        new PurchaseOrderLine(10, "RM-STEEL", new BigDecimal("1000000"), new BigDecimal("2.13")),
                        new PurchaseOrderLine(20, "RM-PAINT", new BigDecimal("1000000"), new BigDecimal("4.87")))))
                .put(new SalesOrder("7000009", "C-BETA", "P100", List.of(
                        new SalesOrderLine(10, "FG-BRACKET", new BigDecimal("1000000"), new BigDecimal("25.50")))));
    }

    List<ManufacturingEvent> events(int count) {
        List<ManufacturingEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next(i));
        }
        return events;
    }

    private ManufacturingEvent next(int i) {
        String order = "MO-" + (1 + random.nextInt(4));
        String rawIndex = RAW[random.nextInt(2)];
        String uom = rawIndex.equals("RM-STEEL") ? "kg" : "l";
        String lot = LOTS[random.nextInt(LOTS.length)];
        String fgLot = "F" + (1 + random.nextInt(2));
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> new GoodsReceived("GR-" + i, "4500009", rawIndex.equals("RM-STEEL") ? 10 : 20, rawIndex,
                    lot, quantity(5, 60), uom, "P100-RM");
            case 3, 4 -> new StockTransferred("TR-" + i, rawIndex, lot, quantity(1, 30), uom, "P100-RM", "P100-LINE",
                    null);
            case 5 -> new OrderReleased(order, "FG-BRACKET", quantity(10, 40), "ea");
            case 6 -> new MaterialConsumed(order, rawIndex, lot, quantity(1, 8), uom, "P100-LINE");
            case 7 -> new OperationConfirmed(order, "0010", "WC-PRESS", quantity(1, 5), quantity(10, 100),
                    quantity(10, 100));
            case 8 -> new ScrapDeclared(order, BigDecimal.ONE, "ea", "DENT");
            case 9, 10 -> new OrderCompleted(order, "FG-BRACKET", fgLot, new BigDecimal(1 + random.nextInt(3)), "ea",
                    "P100-FG", random.nextBoolean());
            case 11 -> random.nextInt(3) == 0 ? new OrderClosed(order)
                    : new LotHeld("FG-BRACKET", fgLot, "P100-FG", BigDecimal.ONE, "QC");
            case 12 -> random.nextBoolean() ? new LotReleased("FG-BRACKET", fgLot, "P100-FG", BigDecimal.ONE)
                    : new LotRejected("FG-BRACKET", fgLot, "P100-FG", BigDecimal.ONE, Disposition.SCRAP, "QC");
            case 13 -> new ShipmentConfirmed("SH-" + i, "7000009", "C-BETA", List.of(
                    new ShipmentLine(10, "FG-BRACKET", fgLot, "P100-FG", new BigDecimal(1 + random.nextInt(2)), "ea")));
            case 14 -> new InvoiceReceived("INV-" + i, "S-ACME", "EUR", List.of(new InvoiceLine("4500009",
                    rawIndex.equals("RM-STEEL") ? 10 : 20, quantity(1, 20),
                    rawIndex.equals("RM-STEEL") ? new BigDecimal("2.15") : new BigDecimal("4.87"))));
            default -> random.nextBoolean()
                    ? new LotRejected(rawIndex, lot, "P100-RM", quantity(1, 3), Disposition.RETURN_TO_VENDOR, "QC")
                    : new CountAdjusted("CNT-" + i, rawIndex, lot, "P100-RM", quantity(0, 40), uom);
        };
    }

    /** A quantity from {@code min} to {@code max} with up to 3 decimals. */
    private BigDecimal quantity(int min, int max) {
        return BigDecimal.valueOf(min * 1000L + random.nextInt((max - min) * 1000 + 1), 3);
    }
}
