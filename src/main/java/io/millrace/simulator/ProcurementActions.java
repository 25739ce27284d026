package io.millrace.simulator;

import io.millrace.simulator.EventFactory.Producer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Buying: goods received against purchase order lines when released orders need more than the
 * plant holds, each receipt a new lot in the store; and supplier invoices for what was received,
 * at prices within the three-way-match tolerance of the PO price.
 */
final class ProcurementActions {

    /** Invoice prices stay inside this share of the PO price; the hub's default tolerance is 5 %. */
    static final BigDecimal PRICE_SPREAD = new BigDecimal("0.03");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.05");

    private final PlantState s;
    private final String currency;

    ProcurementActions(PlantState state, String currency) {
        this.s = state;
        this.currency = currency;
    }

    void candidates(List<Candidate> out) {
        Set<String> items = new LinkedHashSet<>();
        s.poLines.forEach(l -> items.add(l.item));
        for (String item : items) {
            BigDecimal need = s.outstanding(item).subtract(s.atSupply(item)).subtract(s.inStore(item));
            if (need.signum() <= 0) {
                continue;
            }
            s.poLines.stream().filter(l -> l.item.equals(item) && l.open().signum() > 0).findFirst()
                    .ifPresent(line -> out.add(new Candidate(4, () -> receive(line, need))));
        }
        Map<String, List<LineProgress>> uninvoiced = new LinkedHashMap<>();
        s.poLines.stream().filter(l -> l.uninvoiced().signum() > 0)
                .forEach(l -> uninvoiced.computeIfAbsent(l.order, k -> new java.util.ArrayList<>()).add(l));
        uninvoiced.values().forEach(lines -> out.add(new Candidate(1, () -> invoice(lines))));
    }

    private ObjectNode receive(LineProgress line, BigDecimal need) {
        String uom = s.uom(line.item);
        BigDecimal lotSize = Quantities.up(Quantities.times(need, 1.2 + 1.3 * s.chance()), uom);
        BigDecimal quantity = lotSize.min(line.open());
        String lot = s.newLot();
        line.done = line.done.add(quantity);
        s.stock.add(s.layout.store(), line.item, lot, quantity);
        s.receivedAt.put(lot, s.step);
        ObjectNode data = s.events.data();
        data.put("receiptId", s.nextKey("GR"));
        data.put("purchaseOrder", line.order);
        data.put("poLine", line.line);
        data.put("item", line.item);
        data.put("lot", lot);
        EventFactory.quantity(data, "quantity", quantity);
        data.put("uom", uom);
        data.put("location", s.layout.store());
        return s.events.envelope(s.plant(), Producer.WMS, "mfg.procurement.goods.received", line.order, line.order, data);
    }

    private ObjectNode invoice(List<LineProgress> lines) {
        boolean partial = s.chance() < 0.3;
        ObjectNode data = s.events.data();
        data.put("invoiceId", s.nextKey("INV"));
        data.put("supplier", lines.get(0).partner);
        data.put("currency", currency);
        ArrayNode array = data.putArray("lines");
        for (LineProgress line : lines) {
            BigDecimal quantity = line.uninvoiced();
            if (partial) {
                BigDecimal half = Quantities.down(quantity.divide(BigDecimal.valueOf(2), 6, RoundingMode.DOWN),
                        s.uom(line.item));
                quantity = half.signum() > 0 ? half : quantity;
            }
            line.invoiced = line.invoiced.add(quantity);
            ObjectNode node = array.addObject();
            node.put("purchaseOrder", line.order);
            node.put("poLine", line.line);
            EventFactory.quantity(node, "quantity", quantity);
            node.put("unitPrice", Quantities.json(price(line.unitPrice)));
        }
        String po = lines.get(0).order;
        return s.events.envelope(s.plant(), Producer.ERP, "mfg.procurement.invoice.received", po, po, data);
    }

    /** The supplier's price: the PO price give or take up to 3 %, never outside the match tolerance. */
    private BigDecimal price(BigDecimal poPrice) {
        double shift = (s.chance() * 2 - 1) * PRICE_SPREAD.doubleValue();
        int scale = poPrice.compareTo(BigDecimal.ONE) < 0 ? 4 : 2;
        BigDecimal price = Quantities.times(poPrice, 1 + shift).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal limit = poPrice.multiply(TOLERANCE);
        return price.subtract(poPrice).abs().compareTo(limit) <= 0 ? price : poPrice;
    }
}
