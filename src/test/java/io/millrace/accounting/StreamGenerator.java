package io.millrace.accounting;

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
import io.millrace.accounting.ledger.Amounts;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates long valid event streams over three plants: receipts (some over the open quantity),
 * moves to the line, to a count location and across plants, multi-level production (SEMI frames
 * consumed by finished racks, backflush from single supply lots), quality hold/reject/release,
 * returns to the vendor, invoices (some outside the tolerance), shipments and counts. A small
 * model of the books keeps every event valid when applied in generation order; the events meant
 * to fail are flagged.
 */
final class StreamGenerator {

    static final List<String> PLANTS = List.of("P1", "P2", "P3");
    static final BigDecimal ORDERED = new BigDecimal("100000");

    /** One generated event; {@code expectPosted} is false for the events meant to be refused. */
    record Generated(String plant, ManufacturingEvent event, boolean expectPosted) {
    }

    private record Order(String id, String plant, String item) {
    }

    private record Lot(String plant, String location, String item, String lot) {
    }

    private final Random random;
    private final InMemoryMasterData master = masterData();
    private final List<Generated> stream = new ArrayList<>();
    private final Map<String, BigDecimal> stock = new HashMap<>();
    private final Map<String, BigDecimal[]> poLines = new HashMap<>();
    private final Map<String, BigDecimal> returnable = new HashMap<>();
    private final List<Order> openOrders = new ArrayList<>();
    private final List<Lot> storeLots = new ArrayList<>();
    private final List<Lot> countLots = new ArrayList<>();
    private final List<Lot> finishedLots = new ArrayList<>();
    private int sequence;
    private boolean withQuality = true;
    private boolean withReturns = true;

    StreamGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Leaves out hold/reject/release sequences on finished lots. */
    StreamGenerator withoutQuality() {
        this.withQuality = false;
        return this;
    }

    /** Leaves out returns to the vendor. */
    StreamGenerator withoutReturns() {
        this.withReturns = false;
        return this;
    }

    static InMemoryMasterData masterData() {
        InMemoryMasterData data = new InMemoryMasterData()
                .put(new Item("RM-A", "Sheet", ValuationClass.RAW, "kg", new BigDecimal("1.3719")))
                .put(new Item("RM-B", "Paint", ValuationClass.RAW, "l", new BigDecimal("0.4567")))
                .put(new Item("SE-X", "Frame", ValuationClass.SEMI, "ea", new BigDecimal("3.1234")))
                .put(new Item("FG-Y", "Rack", ValuationClass.FINISHED, "ea", new BigDecimal("12.50")))
                .put(new Item("FG-Z", "Shelf", ValuationClass.FINISHED, "ea", new BigDecimal("9.9999")))
                .put(new Bom("SE-X", List.of(new BomComponent("RM-A", new BigDecimal("2.5")))))
                .put(new Bom("FG-Y", List.of(new BomComponent("SE-X", new BigDecimal("1")),
                        new BomComponent("RM-B", new BigDecimal("0.333")))))
                .put(new Bom("FG-Z", List.of(new BomComponent("RM-A", new BigDecimal("1.5")),
                        new BomComponent("RM-B", new BigDecimal("0.2")))))
                .put(new Supplier("S1", "Supplier one"))
                .put(new Customer("C1", "Customer one"));
        for (String plant : PLANTS) {
            data.put(new Plant(plant, "Plant " + plant))
                    .put(new Location(plant + "-RM", plant, LocationRole.STORE))
                    .put(new Location(plant + "-LINE", plant, LocationRole.SUPPLY))
                    .put(new Location(plant + "-FG", plant, LocationRole.FG))
                    .put(new Location(plant + "-CNT", plant, LocationRole.STORE))
                    .put(new WorkCenter("WC-" + plant, plant, new BigDecimal("0.4321"), new BigDecimal("1.05"),
                            "CC-" + plant))
                    .put(new PurchaseOrder("PO-" + plant, "S1", plant, List.of(
                            new PurchaseOrderLine(10, "RM-A", ORDERED, new BigDecimal("1.4123")),
                            new PurchaseOrderLine(20, "RM-B", ORDERED, new BigDecimal("0.4401")))))
                    .put(new SalesOrder("SO-" + plant, "C1", plant, List.of(
                            new SalesOrderLine(10, "FG-Y", ORDERED, new BigDecimal("30.00")),
                            new SalesOrderLine(20, "FG-Z", ORDERED, new BigDecimal("24.99")))));
        }
        return data;
    }

    List<Generated> generate(int count) {
        while (stream.size() < count) {
            String plant = PLANTS.get(random.nextInt(PLANTS.size()));
            switch (random.nextInt(17)) {
                case 0, 1 -> receive(plant);
                case 2, 3 -> toLine(plant);
                case 4, 16 -> toCountOrOtherPlant(plant);
                case 5 -> release(plant);
                case 6, 7 -> produce();
                case 8 -> complete();
                case 9 -> close();
                case 10 -> {
                    if (withQuality) {
                        quality();
                    }
                }
                case 11 -> {
                    if (withReturns) {
                        returnToVendor();
                    }
                }
                case 12 -> invoice(plant);
                case 13, 14 -> ship(plant);
                default -> count();
            }
        }
        return stream;
    }

    private void emit(String plant, ManufacturingEvent event) {
        stream.add(new Generated(plant, event, true));
    }

    private BigDecimal quantity(int maxWhole) {
        BigDecimal whole = BigDecimal.valueOf(1 + random.nextInt(maxWhole));
        return random.nextInt(3) == 0 ? whole : whole.add(BigDecimal.valueOf(random.nextInt(1_000_000), 6));
    }

    private static String key(String plant, String location, String item, String lot, boolean blocked) {
        return plant + "|" + location + "|" + item + "|" + lot + "|" + (blocked ? "B" : "U");
    }

    private BigDecimal stock(String plant, String location, String item, String lot, boolean blocked) {
        return stock.getOrDefault(key(plant, location, item, lot, blocked), BigDecimal.ZERO);
    }

    private void move(String plant, String location, String item, String lot, boolean blocked, BigDecimal delta) {
        BigDecimal after = stock(plant, location, item, lot, blocked).add(delta);
        if (after.signum() < 0) {
            throw new IllegalStateException("generator model went negative at " + key(plant, location, item, lot, blocked));
        }
        stock.put(key(plant, location, item, lot, blocked), after);
    }

    private static String supplyLot(String plant, String item) {
        return "SUP-" + plant + "-" + item;
    }

    private BigDecimal[] poLine(String plant, int line) {
        return poLines.computeIfAbsent("PO-" + plant + "/" + line,
                k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    }

    private void receive(String plant) {
        int line = random.nextBoolean() ? 10 : 20;
        String item = line == 10 ? "RM-A" : "RM-B";
        BigDecimal[] progress = poLine(plant, line);
        if (random.nextInt(25) == 0) {
            stream.add(new Generated(plant, new GoodsReceived("GR-X" + (++sequence), "PO-" + plant, line, item,
                    "R-" + sequence, ORDERED.add(BigDecimal.ONE), line == 10 ? "kg" : "l", plant + "-RM"), false));
            return;
        }
        BigDecimal quantity = quantity(400);
        boolean supply = random.nextInt(10) < 7;
        String lot = supply ? supplyLot(plant, item) : "R-" + (++sequence);
        emit(plant, new GoodsReceived("GR-" + (++sequence), "PO-" + plant, line, item, lot, quantity,
                line == 10 ? "kg" : "l", plant + "-RM"));
        progress[0] = progress[0].add(quantity);
        progress[2] = progress[2].add(quantity);
        move(plant, plant + "-RM", item, lot, false, quantity);
        if (!supply) {
            returnable.merge(plant + "|" + item + "|" + lot, quantity, BigDecimal::add);
            storeLots.add(new Lot(plant, plant + "-RM", item, lot));
        }
    }

    private void toLine(String plant) {
        String item = random.nextBoolean() ? "RM-A" : "RM-B";
        String lot = supplyLot(plant, item);
        BigDecimal available = stock(plant, plant + "-RM", item, lot, false);
        if (available.signum() <= 0) {
            return;
        }
        BigDecimal quantity = Amounts.quantity(available.multiply(BigDecimal.valueOf(20 + random.nextInt(81), 2)));
        if (quantity.signum() <= 0) {
            return;
        }
        emit(plant, new StockTransferred("TR-" + (++sequence), item, lot, quantity, unit(item), plant + "-RM",
                plant + "-LINE", null));
        move(plant, plant + "-RM", item, lot, false, quantity.negate());
        move(plant, plant + "-LINE", item, lot, false, quantity);
    }

    private void toCountOrOtherPlant(String plant) {
        List<Lot> candidates = storeLots.stream().filter(l -> l.plant().equals(plant)
                && stock(l.plant(), l.location(), l.item(), l.lot(), false).signum() > 0).toList();
        if (candidates.isEmpty()) {
            return;
        }
        Lot lot = candidates.get(random.nextInt(candidates.size()));
        BigDecimal quantity = Amounts.quantity(stock(plant, lot.location(), lot.item(), lot.lot(), false)
                .multiply(BigDecimal.valueOf(10 + random.nextInt(60), 2)));
        if (quantity.signum() <= 0) {
            return;
        }
        boolean across = random.nextBoolean() && countLots.stream().noneMatch(c -> c.lot().equals(lot.lot()));
        String toPlant = across ? PLANTS.get((PLANTS.indexOf(plant) + 1 + random.nextInt(2)) % 3) : plant;
        String toLocation = across ? toPlant + "-RM" : plant + "-CNT";
        if (!across && countLots.stream().anyMatch(c -> c.lot().equals(lot.lot()) && c.location().equals("counted"))) {
            return;
        }
        emit(plant, new StockTransferred("TR-" + (++sequence), lot.item(), lot.lot(), quantity, unit(lot.item()),
                lot.location(), toLocation, across ? toPlant : null));
        move(plant, lot.location(), lot.item(), lot.lot(), false, quantity.negate());
        move(toPlant, toLocation, lot.item(), lot.lot(), false, quantity);
        if (!across && countLots.stream().noneMatch(c -> c.lot().equals(lot.lot()))) {
            countLots.add(new Lot(plant, plant + "-CNT", lot.item(), lot.lot()));
        }
    }

    private void release(String plant) {
        String item = List.of("SE-X", "FG-Y", "FG-Z").get(random.nextInt(3));
        String id = "MO-" + (++sequence);
        emit(plant, new OrderReleased(id, item, BigDecimal.valueOf(50 + random.nextInt(100)), "ea"));
        openOrders.add(new Order(id, plant, item));
    }

    private Order anyOrder() {
        return openOrders.isEmpty() ? null : openOrders.get(random.nextInt(openOrders.size()));
    }

    private void produce() {
        Order order = anyOrder();
        if (order == null) {
            return;
        }
        switch (random.nextInt(3)) {
            case 0 -> emit(order.plant(), new OperationConfirmed(order.id(), "0010", "WC-" + order.plant(),
                    quantity(20), quantity(300), quantity(200)));
            case 1 -> emit(order.plant(), new ScrapDeclared(order.id(), quantity(3), "ea", "DEFECT"));
            default -> {
                BomComponent component = master.bom(order.item()).orElseThrow().components().get(0);
                String lot = supplyLot(order.plant(), component.item());
                BigDecimal available = stock(order.plant(), order.plant() + "-LINE", component.item(), lot, false);
                BigDecimal quantity = Amounts.quantity(available.multiply(BigDecimal.valueOf(random.nextInt(30), 2)));
                if (quantity.signum() > 0) {
                    emit(order.plant(), new MaterialConsumed(order.id(), component.item(), lot, quantity,
                            unit(component.item()), order.plant() + "-LINE"));
                    move(order.plant(), order.plant() + "-LINE", component.item(), lot, false, quantity.negate());
                }
            }
        }
    }

    private void complete() {
        Order order = anyOrder();
        if (order == null) {
            return;
        }
        BigDecimal quantity = quantity(30);
        List<BomComponent> bom = master.bom(order.item()).orElseThrow().components();
        boolean backflush = bom.stream().allMatch(c -> stock(order.plant(), order.plant() + "-LINE", c.item(),
                supplyLot(order.plant(), c.item()), false).compareTo(Amounts.quantity(c.quantityPer().multiply(quantity))) >= 0);
        if (order.item().equals("SE-X") && !backflush) {
            return;
        }
        boolean semi = order.item().equals("SE-X");
        String location = semi ? order.plant() + "-LINE" : order.plant() + "-FG";
        String lot = semi ? supplyLot(order.plant(), "SE-X") : "FG-" + (++sequence);
        emit(order.plant(), new OrderCompleted(order.id(), order.item(), lot, quantity, "ea", location, backflush));
        if (backflush) {
            for (BomComponent c : bom) {
                move(order.plant(), order.plant() + "-LINE", c.item(), supplyLot(order.plant(), c.item()), false,
                        Amounts.quantity(c.quantityPer().multiply(quantity)).negate());
            }
        }
        move(order.plant(), location, order.item(), lot, false, quantity);
        if (!semi) {
            finishedLots.add(new Lot(order.plant(), location, order.item(), lot));
        }
    }

    private void close() {
        Order order = anyOrder();
        if (order != null && random.nextBoolean()) {
            emit(order.plant(), new OrderClosed(order.id()));
            openOrders.remove(order);
        }
    }

    private void quality() {
        if (finishedLots.isEmpty()) {
            return;
        }
        Lot lot = finishedLots.get(random.nextInt(finishedLots.size()));
        BigDecimal free = stock(lot.plant(), lot.location(), lot.item(), lot.lot(), false);
        BigDecimal held = Amounts.quantity(free.multiply(BigDecimal.valueOf(random.nextInt(60), 2)));
        if (held.signum() <= 0) {
            return;
        }
        BigDecimal rejected = Amounts.quantity(held.multiply(BigDecimal.valueOf(random.nextInt(100), 2)));
        emit(lot.plant(), new LotHeld(lot.item(), lot.lot(), lot.location(), held, "QC"));
        if (rejected.signum() > 0) {
            emit(lot.plant(), new LotRejected(lot.item(), lot.lot(), lot.location(), rejected, Disposition.SCRAP, "QC"));
        }
        if (held.compareTo(rejected) > 0) {
            emit(lot.plant(), new LotReleased(lot.item(), lot.lot(), lot.location(), held.subtract(rejected)));
        }
        move(lot.plant(), lot.location(), lot.item(), lot.lot(), false, rejected.negate());
    }

    private void returnToVendor() {
        if (storeLots.isEmpty()) {
            return;
        }
        Lot lot = storeLots.get(random.nextInt(storeLots.size()));
        BigDecimal[] progress = poLine(lot.plant(), lot.item().equals("RM-A") ? 10 : 20);
        BigDecimal limit = stock(lot.plant(), lot.location(), lot.item(), lot.lot(), false)
                .min(returnable.getOrDefault(lot.plant() + "|" + lot.item() + "|" + lot.lot(), BigDecimal.ZERO))
                .min(progress[0].subtract(progress[1]));
        BigDecimal quantity = Amounts.quantity(limit.multiply(BigDecimal.valueOf(random.nextInt(50), 2)));
        if (quantity.signum() <= 0) {
            return;
        }
        emit(lot.plant(), new LotRejected(lot.item(), lot.lot(), lot.location(), quantity,
                Disposition.RETURN_TO_VENDOR, "QC"));
        move(lot.plant(), lot.location(), lot.item(), lot.lot(), false, quantity.negate());
        returnable.merge(lot.plant() + "|" + lot.item() + "|" + lot.lot(), quantity.negate(), BigDecimal::add);
        progress[0] = progress[0].subtract(quantity);
    }

    private void invoice(String plant) {
        List<InvoiceLine> lines = new ArrayList<>();
        boolean outside = random.nextInt(8) == 0;
        for (int line : List.of(10, 20)) {
            BigDecimal[] progress = poLine(plant, line);
            BigDecimal open = progress[0].subtract(progress[1]);
            BigDecimal quantity = Amounts.quantity(open.multiply(BigDecimal.valueOf(random.nextInt(90), 2)));
            if (quantity.signum() > 0) {
                BigDecimal poPrice = line == 10 ? new BigDecimal("1.4123") : new BigDecimal("0.4401");
                BigDecimal factor = outside ? new BigDecimal("1.2")
                        : BigDecimal.ONE.add(BigDecimal.valueOf(random.nextInt(9) - 4, 2));
                lines.add(new InvoiceLine("PO-" + plant, line, quantity,
                        poPrice.multiply(factor).setScale(4, java.math.RoundingMode.HALF_UP)));
                if (!outside) {
                    progress[1] = progress[1].add(quantity);
                }
            }
        }
        if (!lines.isEmpty()) {
            stream.add(new Generated(plant, new InvoiceReceived("INV-" + (++sequence), "S1", "EUR", lines), !outside));
        }
    }

    private void ship(String plant) {
        List<ShipmentLine> lines = new ArrayList<>();
        for (Lot lot : finishedLots) {
            BigDecimal free = stock(lot.plant(), lot.location(), lot.item(), lot.lot(), false);
            if (lot.plant().equals(plant) && free.signum() > 0 && random.nextInt(3) == 0 && lines.size() < 3) {
                BigDecimal quantity = Amounts.quantity(free.multiply(BigDecimal.valueOf(1 + random.nextInt(99), 2)));
                if (quantity.signum() > 0) {
                    lines.add(new ShipmentLine(lot.item().equals("FG-Y") ? 10 : 20, lot.item(), lot.lot(),
                            lot.location(), quantity, "ea"));
                    move(plant, lot.location(), lot.item(), lot.lot(), false, quantity.negate());
                }
            }
        }
        if (!lines.isEmpty()) {
            emit(plant, new ShipmentConfirmed("SH-" + (++sequence), "SO-" + plant, "C1", lines));
        }
    }

    private void count() {
        List<Lot> open = countLots.stream().filter(l -> !l.location().equals("counted")).toList();
        if (open.isEmpty()) {
            return;
        }
        Lot lot = open.get(random.nextInt(open.size()));
        BigDecimal book = stock(lot.plant(), lot.location(), lot.item(), lot.lot(), false);
        BigDecimal counted = Amounts.quantity(book.multiply(BigDecimal.valueOf(80 + random.nextInt(41), 2)));
        emit(lot.plant(), new CountAdjusted("CNT-" + (++sequence), lot.item(), lot.lot(), lot.location(), counted,
                unit(lot.item())));
        move(lot.plant(), lot.location(), lot.item(), lot.lot(), false, counted.subtract(book));
        countLots.remove(lot);
        countLots.add(new Lot(lot.plant(), "counted", lot.item(), lot.lot()));
    }

    private static String unit(String item) {
        return switch (item) {
            case "RM-A" -> "kg";
            case "RM-B" -> "l";
            default -> "ea";
        };
    }
}
