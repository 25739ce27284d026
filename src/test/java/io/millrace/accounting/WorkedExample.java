package io.millrace.accounting;

import io.millrace.accounting.event.Disposition;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.LotHeld;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.event.LotReleased;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.ScrapDeclared;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.ShipmentLine;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.master.WorkCenter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The worked example of postings.md (plant P100): master data and its 16 events. */
public final class WorkedExample {

    public static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private WorkedExample() {
    }

    public static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    public static InMemoryMasterData masterData() {
        return new InMemoryMasterData()
                .put(new Plant("P100", "Main plant"))
                .put(new Location("P100-RM", "P100", LocationRole.STORE))
                .put(new Location("P100-LINE", "P100", LocationRole.SUPPLY))
                .put(new Location("P100-FG", "P100", LocationRole.FG))
                .put(new Item("RM-STEEL", "Steel sheet", ValuationClass.RAW, "kg", d("2.00")))
                .put(new Item("RM-PAINT", "Paint", ValuationClass.RAW, "l", d("5.00")))
                .put(new Item("FG-BRACKET", "Bracket", ValuationClass.FINISHED, "ea", d("11.00")))
                .put(new Bom("FG-BRACKET", List.of(new BomComponent("RM-STEEL", d("3")),
                        new BomComponent("RM-PAINT", d("0.2")))))
                .put(new WorkCenter("WC-PRESS", "P100", d("0.50"), d("1.00"), "CC-PRESS"))
                .put(new Supplier("S-ACME", "Acme Steel"))
                .put(new PurchaseOrder("4500001", "S-ACME", "P100", List.of(
                        new PurchaseOrderLine(10, "RM-STEEL", d("1000"), d("2.10")),
                        new PurchaseOrderLine(20, "RM-PAINT", d("100"), d("4.80")))))
                .put(new Customer("C-BETA", "Beta Machines"))
                .put(new SalesOrder("7000001", "C-BETA", "P100", List.of(
                        new SalesOrderLine(10, "FG-BRACKET", d("300"), d("25.00")))));
    }

    /** The 16 events in the order of the example. */
    public static List<ManufacturingEvent> events() {
        return List.of(
                new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1000"), "kg", "P100-RM"),
                new GoodsReceived("GR-2", "4500001", 20, "RM-PAINT", "L-PT-1", d("100"), "l", "P100-RM"),
                new StockTransferred("TR-1", "RM-STEEL", "L-ST-1", d("600"), "kg", "P100-RM", "P100-LINE", null),
                new StockTransferred("TR-2", "RM-PAINT", "L-PT-1", d("50"), "l", "P100-RM", "P100-LINE", null),
                new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea"),
                new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("590"), "kg", "P100-LINE"),
                new MaterialConsumed("MO-1", "RM-PAINT", "L-PT-1", d("41"), "l", "P100-LINE"),
                new OperationConfirmed("MO-1", "0010", "WC-PRESS", d("195"), d("400"), d("610")),
                new ScrapDeclared("MO-1", d("5"), "ea", "DENT"),
                new OrderCompleted("MO-1", "FG-BRACKET", "L-FG-1", d("195"), "ea", "P100-FG", false),
                new OrderClosed("MO-1"),
                new LotHeld("FG-BRACKET", "L-FG-1", "P100-FG", d("10"), "QC"),
                new LotRejected("FG-BRACKET", "L-FG-1", "P100-FG", d("4"), Disposition.SCRAP, "QC"),
                new LotReleased("FG-BRACKET", "L-FG-1", "P100-FG", d("6")),
                new ShipmentConfirmed("SH-1", "7000001", "C-BETA", List.of(
                        new ShipmentLine(10, "FG-BRACKET", "L-FG-1", "P100-FG", d("150"), "ea"))),
                new InvoiceReceived("INV-9001", "S-ACME", "EUR", List.of(
                        new InvoiceLine("4500001", 10, d("1000"), d("2.12")))));
    }

    /** An envelope for the n-th event of a stream in a plant, n minutes after {@code start}. */
    public static EventContext context(String plant, ManufacturingEvent event, int n, Instant start) {
        Instant time = start.plusSeconds(60L * n);
        String source = event instanceof TransferReceived ? TransferReceived.HUB_SOURCE : "urn:millrace:test";
        return new EventContext("T-" + n, source, "E-" + n, event.type(), plant, null,
                event.businessKey(), time, time, "producer-test");
    }
}
