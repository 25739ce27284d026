package io.millrace.simulator;

import io.millrace.accounting.master.ValuationClass;
import io.millrace.simulator.EventFactory.Producer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warehouse, quality and shipping: transfers from the store to the supply location (oldest lot
 * first, so the line is always fed first-in first-out), occasional cycle counts of stored raw
 * lots, holds on finished lots that end in release or scrap, and shipments against sales order
 * lines from unrestricted finished stock.
 */
final class StockActions {

    /** A raw lot is counted only this many steps after its receipt, when its receipt has long posted. */
    static final long COUNT_AFTER_STEPS = 40;
    private static final List<String> HOLD_REASONS = List.of("VISUAL-CHECK", "DIMENSION", "CUSTOMER-COMPLAINT");

    private final PlantState s;
    private final boolean countsAllowed;
    private final boolean commutingOnly;

    /**
     * @param commutingOnly no counts, and shipments leave alone the lots that quality inspects: a
     *                      hold competes with a shipment of its lot for unrestricted stock, so their
     *                      order would decide whether the hold can still take its quantity
     */
    StockActions(PlantState state, boolean commutingOnly) {
        this.s = state;
        this.countsAllowed = !commutingOnly;
        this.commutingOnly = commutingOnly;
    }

    void candidates(List<Candidate> out) {
        transfers(out);
        counts(out);
        quality(out);
        shipments(out);
    }

    private void transfers(List<Candidate> out) {
        for (String item : s.poLines.stream().map(l -> l.item).distinct().toList()) {
            BigDecimal need = s.outstanding(item).subtract(s.atSupply(item));
            List<StockBook.LotStock> lots = s.stock.lots(s.layout.store(), item);
            if (need.signum() > 0 && !lots.isEmpty()) {
                out.add(new Candidate(4, () -> transfer(lots.get(0), need)));
            }
        }
    }

    private ObjectNode transfer(StockBook.LotStock lot, BigDecimal need) {
        String uom = s.uom(lot.item());
        BigDecimal quantity = Quantities.up(Quantities.times(need, 1 + 0.3 * s.chance()), uom).min(lot.unrestricted());
        s.stock.take(lot.location(), lot.item(), lot.lot(), quantity);
        s.stock.add(s.layout.supply(), lot.item(), lot.lot(), quantity);
        ObjectNode data = s.events.data();
        data.put("transferId", s.nextKey("TR"));
        data.put("item", lot.item());
        data.put("lot", lot.lot());
        EventFactory.quantity(data, "quantity", quantity);
        data.put("uom", uom);
        data.put("fromLocation", lot.location());
        data.put("toLocation", s.layout.supply());
        return s.events.envelope(s.plant(), Producer.WMS, "mfg.inventory.stock.transferred", lot.lot(), lot.lot(), data);
    }

    private void counts(List<Candidate> out) {
        if (s.step % 100 == 0) {
            s.receivedAt.keySet().removeIf(lot -> s.stock.all().stream().noneMatch(l -> l.lot().equals(lot)
                    && l.location().equals(s.layout.store())));
        }
        List<StockBook.LotStock> due = s.stock.all().stream()
                .filter(l -> l.location().equals(s.layout.store()) && l.blocked().signum() == 0
                        && s.receivedAt.containsKey(l.lot()) && s.receivedAt.get(l.lot()) + COUNT_AFTER_STEPS <= s.step)
                .toList();
        if (countsAllowed && !due.isEmpty()) {
            out.add(new Candidate(1, () -> count(s.pick(due))));
        }
    }

    private ObjectNode count(StockBook.LotStock lot) {
        String uom = s.uom(lot.item());
        BigDecimal book = lot.unrestricted();
        BigDecimal counted = Quantities.scale(uom) == 0
                ? book.add(BigDecimal.valueOf(s.random.nextInt(3) - 1))
                : Quantities.nearest(Quantities.times(book, 0.98 + 0.03 * s.chance()), uom);
        counted = counted.max(BigDecimal.ZERO);
        s.receivedAt.remove(lot.lot());
        s.stock.count(lot.location(), lot.item(), lot.lot(), counted);
        ObjectNode data = s.events.data();
        data.put("countId", s.nextKey("CNT"));
        data.put("item", lot.item());
        data.put("lot", lot.lot());
        data.put("location", lot.location());
        EventFactory.quantity(data, "countedQuantity", counted);
        data.put("uom", uom);
        return s.events.envelope(s.plant(), Producer.WMS, "mfg.inventory.count.adjusted", lot.lot(), lot.lot(), data);
    }

    private void quality(List<Candidate> out) {
        String fg = s.layout.finishedGoods();
        s.uninspectedLots.removeIf(lot -> lotAt(fg, lot) == null || lotAt(fg, lot).unrestricted().signum() == 0);
        if (!s.uninspectedLots.isEmpty()) {
            StockBook.LotStock lot = lotAt(fg, s.uninspectedLots.get(0));
            out.add(new Candidate(2, () -> hold(lot)));
        }
        for (StockBook.LotStock lot : s.stock.all()) {
            if (lot.location().equals(fg) && lot.blocked().signum() > 0) {
                out.add(new Candidate(3, () -> s.chance() < 0.3 ? reject(lot) : release(lot)));
            }
        }
    }

    private StockBook.LotStock lotAt(String location, String lot) {
        return s.stock.all().stream().filter(l -> l.location().equals(location) && l.lot().equals(lot))
                .findFirst().orElse(null);
    }

    private ObjectNode hold(StockBook.LotStock lot) {
        s.uninspectedLots.remove(lot.lot());
        s.heldLots.add(lot.lot());
        String uom = s.uom(lot.item());
        BigDecimal quantity = Quantities.up(Quantities.times(lot.unrestricted(), 0.05 + 0.1 * s.chance()), uom)
                .min(lot.unrestricted());
        s.stock.block(lot.location(), lot.item(), lot.lot(), quantity);
        ObjectNode data = qualityData(lot, quantity);
        data.put("reasonCode", s.pick(HOLD_REASONS));
        return s.events.envelope(s.plant(), Producer.QMS, "mfg.quality.lot.held", lot.lot(), lot.lot(), data);
    }

    private ObjectNode release(StockBook.LotStock lot) {
        s.stock.unblock(lot.location(), lot.item(), lot.lot(), lot.blocked());
        ObjectNode data = qualityData(lot, lot.blocked());
        return s.events.envelope(s.plant(), Producer.QMS, "mfg.quality.lot.released", lot.lot(), lot.lot(), data);
    }

    private ObjectNode reject(StockBook.LotStock lot) {
        BigDecimal quantity = Quantities.between(s.random, BigDecimal.ZERO, lot.blocked(), s.uom(lot.item()));
        if (quantity.signum() == 0) {
            quantity = lot.blocked();
        }
        s.stock.scrapBlocked(lot.location(), lot.item(), lot.lot(), quantity);
        ObjectNode data = qualityData(lot, quantity);
        data.put("disposition", "SCRAP");
        data.put("reasonCode", "QUALITY-REJECT");
        return s.events.envelope(s.plant(), Producer.QMS, "mfg.quality.lot.rejected", lot.lot(), lot.lot(), data);
    }

    private ObjectNode qualityData(StockBook.LotStock lot, BigDecimal quantity) {
        ObjectNode data = s.events.data();
        data.put("item", lot.item());
        data.put("lot", lot.lot());
        data.put("location", lot.location());
        EventFactory.quantity(data, "quantity", quantity);
        return data;
    }

    private void shipments(List<Candidate> out) {
        for (LineProgress line : s.soLines) {
            if (line.open().signum() > 0
                    && s.layout.item(line.item).valuationClass() == ValuationClass.FINISHED
                    && shippable(line.item).signum() > 0) {
                out.add(new Candidate(3, () -> ship(line)));
            }
        }
    }

    private BigDecimal shippable(String item) {
        return shippableLots(item).stream().map(StockBook.LotStock::unrestricted).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<StockBook.LotStock> shippableLots(String item) {
        List<StockBook.LotStock> lots = new ArrayList<>(s.stock.lots(s.layout.finishedGoods(), item));
        if (commutingOnly) {
            lots.removeIf(lot -> s.uninspectedLots.contains(lot.lot()) || s.heldLots.contains(lot.lot()));
        }
        return lots;
    }

    private ObjectNode ship(LineProgress line) {
        String uom = s.uom(line.item);
        boolean counted = Quantities.scale(uom) == 0;
        BigDecimal wanted = Quantities.between(s.random, BigDecimal.valueOf(counted ? 10 : 25),
                BigDecimal.valueOf(counted ? 150 : 400), uom).min(line.open());
        ObjectNode data = s.events.data();
        data.put("shipmentId", s.nextKey("SHP"));
        data.put("salesOrder", line.order);
        data.put("customer", line.partner);
        ArrayNode lines = data.putArray("lines");
        List<StockBook.LotStock> lots = shippableLots(line.item);
        for (StockBook.LotStock lot : lots) {
            if (wanted.signum() <= 0) {
                break;
            }
            BigDecimal quantity = wanted.min(lot.unrestricted());
            wanted = wanted.subtract(quantity);
            s.stock.take(lot.location(), lot.item(), lot.lot(), quantity);
            line.done = line.done.add(quantity);
            ObjectNode node = lines.addObject();
            node.put("soLine", line.line);
            node.put("item", line.item);
            node.put("lot", lot.lot());
            node.put("location", lot.location());
            EventFactory.quantity(node, "quantity", quantity);
            node.put("uom", uom);
        }
        return s.events.envelope(s.plant(), Producer.TMS, "mfg.fulfillment.shipment.confirmed", line.order,
                line.order, data);
    }
}
