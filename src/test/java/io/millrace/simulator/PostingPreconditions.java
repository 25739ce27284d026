package io.millrace.simulator;

import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrderLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An independent, deliberately plain reading of the posting rules of postings.md: applies events
 * one by one and answers why an event would not post (null when it posts). Written apart from the
 * generator so that the two cannot share a mistake.
 */
final class PostingPreconditions {

    private final MasterDataSet master;
    private final Map<String, BigDecimal[]> stock = new LinkedHashMap<>();
    private final Map<String, Integer> lotBirth = new HashMap<>();
    private final Map<String, String> orderState = new HashMap<>();
    private final Map<String, String> orderItem = new HashMap<>();
    private final Map<String, BigDecimal> received = new HashMap<>();
    private final Map<String, BigDecimal> invoiced = new HashMap<>();
    private final Map<String, BigDecimal> shipped = new HashMap<>();
    private int births;

    PostingPreconditions(MasterDataSet master) {
        this.master = master;
    }

    Map<String, String> orders() {
        return orderState;
    }

    BigDecimal totalStock() {
        return stock.values().stream().map(b -> b[0].add(b[1])).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Why the event cannot post now (changing nothing), or null after applying it. */
    String apply(JsonNode event) {
        Map<String, BigDecimal[]> stockBefore = new LinkedHashMap<>();
        stock.forEach((k, v) -> stockBefore.put(k, v.clone()));
        Map<String, BigDecimal> receivedBefore = new HashMap<>(received);
        Map<String, BigDecimal> invoicedBefore = new HashMap<>(invoiced);
        Map<String, BigDecimal> shippedBefore = new HashMap<>(shipped);
        Map<String, String> ordersBefore = new HashMap<>(orderState);
        String problem = applyOrFail(event);
        if (problem != null) {
            stock.clear();
            stock.putAll(stockBefore);
            received.clear();
            received.putAll(receivedBefore);
            invoiced.clear();
            invoiced.putAll(invoicedBefore);
            shipped.clear();
            shipped.putAll(shippedBefore);
            orderState.clear();
            orderState.putAll(ordersBefore);
        } else {
            stock.values().removeIf(b -> b[0].signum() == 0 && b[1].signum() == 0);
        }
        return problem;
    }

    private String applyOrFail(JsonNode event) {
        String plant = event.get("plant").asString();
        JsonNode d = event.get("data");
        String type = event.get("type").asString();
        return switch (type) {
            case "mfg.production.order.released" -> release(d);
            case "mfg.production.material.consumed" -> consume(plant, d);
            case "mfg.production.operation.confirmed" -> confirm(plant, d);
            case "mfg.production.scrap.declared" -> openOrder(d.get("orderId").asString());
            case "mfg.production.order.completed" -> complete(plant, d);
            case "mfg.production.order.closed" -> close(d);
            case "mfg.quality.lot.held" -> move(plant, d, 0, 1);
            case "mfg.quality.lot.released" -> move(plant, d, 1, 0);
            case "mfg.quality.lot.rejected" -> reject(plant, d);
            case "mfg.procurement.goods.received" -> receive(plant, d);
            case "mfg.procurement.invoice.received" -> invoice(d);
            case "mfg.fulfillment.shipment.confirmed" -> ship(plant, d);
            case "mfg.inventory.stock.transferred" -> transfer(plant, d);
            case "mfg.inventory.count.adjusted" -> count(plant, d);
            default -> "unknown type " + type;
        };
    }

    private String release(JsonNode d) {
        String id = d.get("orderId").asString();
        if (orderState.containsKey(id)) {
            return "order " + id + " released twice";
        }
        String item = d.get("item").asString();
        if (master.bom(item).isEmpty() || !uomOk(item, d)) {
            return "released order " + id + " for an item without BOM or in the wrong unit";
        }
        orderState.put(id, "RELEASED");
        orderItem.put(id, item);
        return null;
    }

    private String openOrder(String id) {
        return "RELEASED".equals(orderState.get(id)) ? null : "order " + id + " is " + orderState.get(id);
    }

    private String consume(String plant, JsonNode d) {
        String problem = openOrder(d.get("orderId").asString());
        if (problem != null || !uomOk(d.get("item").asString(), d)) {
            return problem != null ? problem : "wrong unit";
        }
        return take(key(plant, d.get("location").asString(), d.get("item").asString(), d.get("lot").asString()), 0,
                qty(d, "quantity"));
    }

    private String confirm(String plant, JsonNode d) {
        var wc = master.workCenter(d.get("workCenter").asString());
        if (wc.isEmpty() || !wc.get().plant().equals(plant)) {
            return "work centre not of the plant";
        }
        return openOrder(d.get("orderId").asString());
    }

    private String complete(String plant, JsonNode d) {
        String id = d.get("orderId").asString();
        String problem = openOrder(id);
        if (problem != null) {
            return problem;
        }
        if (!d.get("item").asString().equals(orderItem.get(id)) || !locationOf(plant, d.get("location").asString())) {
            return "completion of another item or at a foreign location";
        }
        BigDecimal quantity = qty(d, "quantity");
        if (d.has("backflush") && d.get("backflush").asBoolean()) {
            String supply = master.locationsOf(plant).stream().filter(l -> l.role() == LocationRole.SUPPLY)
                    .map(Location::code).findFirst().orElseThrow();
            for (BomComponent c : master.bom(orderItem.get(id)).orElseThrow().components()) {
                String fail = backflush(plant, supply, c.item(), c.quantityPer().multiply(quantity));
                if (fail != null) {
                    return fail;
                }
            }
        }
        String lot = key(plant, d.get("location").asString(), d.get("item").asString(), d.get("lot").asString());
        born(d.get("lot").asString());
        stock.computeIfAbsent(lot, k -> zero())[0] = stock.get(lot)[0].add(quantity);
        return null;
    }

    private String backflush(String plant, String supply, String item, BigDecimal need) {
        List<String> lots = new ArrayList<>();
        String prefix = plant + "|" + supply + "|" + item + "|";
        stock.forEach((k, v) -> {
            if (k.startsWith(prefix) && v[0].signum() > 0) {
                lots.add(k);
            }
        });
        lots.sort((a, b) -> Integer.compare(lotBirth.get(a.substring(prefix.length())),
                lotBirth.get(b.substring(prefix.length()))));
        BigDecimal available = lots.stream().map(k -> stock.get(k)[0]).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (available.compareTo(need) < 0) {
            return "backflush of " + need + " " + item + " but only " + available + " at " + supply;
        }
        BigDecimal left = need;
        for (String k : lots) {
            BigDecimal part = left.min(stock.get(k)[0]);
            stock.get(k)[0] = stock.get(k)[0].subtract(part);
            left = left.subtract(part);
        }
        return null;
    }

    private String close(JsonNode d) {
        String id = d.get("orderId").asString();
        String problem = openOrder(id);
        if (problem == null) {
            orderState.put(id, "CLOSED");
        }
        return problem;
    }

    private String move(String plant, JsonNode d, int from, int to) {
        String k = key(plant, d.get("location").asString(), d.get("item").asString(), d.get("lot").asString());
        String problem = take(k, from, qty(d, "quantity"));
        if (problem == null) {
            stock.get(k)[to] = stock.get(k)[to].add(qty(d, "quantity"));
        }
        return problem;
    }

    private String reject(String plant, JsonNode d) {
        String k = key(plant, d.get("location").asString(), d.get("item").asString(), d.get("lot").asString());
        BigDecimal[] b = stock.getOrDefault(k, zero());
        BigDecimal q = qty(d, "quantity");
        if (b[0].add(b[1]).compareTo(q) < 0) {
            return "reject more than the lot holds";
        }
        BigDecimal fromBlocked = q.min(b[1]);
        b[1] = b[1].subtract(fromBlocked);
        b[0] = b[0].subtract(q.subtract(fromBlocked));
        return null;
    }

    private String receive(String plant, JsonNode d) {
        var po = master.purchaseOrder(d.get("purchaseOrder").asString());
        if (po.isEmpty() || !po.get().plant().equals(plant)) {
            return "unknown PO or PO of another plant";
        }
        PurchaseOrderLine line = po.get().line(d.get("poLine").asInt()).orElse(null);
        String item = d.get("item").asString();
        if (line == null || !line.item().equals(item) || !uomOk(item, d)) {
            return "PO line does not match";
        }
        String lineKey = po.get().number() + "/" + line.line();
        BigDecimal after = received.getOrDefault(lineKey, BigDecimal.ZERO).add(qty(d, "quantity"));
        if (after.compareTo(line.quantity()) > 0) {
            return "receipt over the open quantity of " + lineKey;
        }
        if (!locationOf(plant, d.get("location").asString())) {
            return "receipt into a foreign location";
        }
        received.put(lineKey, after);
        born(d.get("lot").asString());
        String k = key(plant, d.get("location").asString(), item, d.get("lot").asString());
        stock.computeIfAbsent(k, x -> zero())[0] = stock.get(k)[0].add(qty(d, "quantity"));
        return null;
    }

    private String invoice(JsonNode d) {
        for (JsonNode l : d.get("lines")) {
            var po = master.purchaseOrder(l.get("purchaseOrder").asString()).orElse(null);
            if (po == null || !po.supplier().equals(d.get("supplier").asString())) {
                return "invoice from another supplier than the PO's";
            }
            PurchaseOrderLine line = po.line(l.get("poLine").asInt()).orElseThrow();
            String lineKey = po.number() + "/" + line.line();
            BigDecimal open = received.getOrDefault(lineKey, BigDecimal.ZERO)
                    .subtract(invoiced.getOrDefault(lineKey, BigDecimal.ZERO));
            if (qty(l, "quantity").compareTo(open) > 0) {
                return "invoice quantity over received-not-invoiced on " + lineKey;
            }
            BigDecimal diff = l.get("unitPrice").decimalValue().subtract(line.unitPrice()).abs();
            if (diff.compareTo(line.unitPrice().multiply(new BigDecimal("0.05"))) > 0) {
                return "invoice price outside 5 % of the PO price on " + lineKey;
            }
        }
        for (JsonNode l : d.get("lines")) {
            invoiced.merge(l.get("purchaseOrder").asString() + "/" + l.get("poLine").asInt(), qty(l, "quantity"),
                    BigDecimal::add);
        }
        return null;
    }

    private String ship(String plant, JsonNode d) {
        var so = master.salesOrder(d.get("salesOrder").asString()).orElse(null);
        if (so == null || !so.plant().equals(plant) || !so.customer().equals(d.get("customer").asString())) {
            return "unknown SO, foreign plant or other customer";
        }
        for (JsonNode l : d.get("lines")) {
            SalesOrderLine line = so.line(l.get("soLine").asInt()).orElseThrow();
            String lineKey = so.number() + "/" + line.line();
            BigDecimal after = shipped.getOrDefault(lineKey, BigDecimal.ZERO).add(qty(l, "quantity"));
            if (!line.item().equals(l.get("item").asString()) || after.compareTo(line.quantity()) > 0) {
                return "shipment of another item or over the SO line";
            }
            String problem = take(key(plant, l.get("location").asString(), line.item(), l.get("lot").asString()), 0,
                    qty(l, "quantity"));
            if (problem != null) {
                return problem;
            }
            shipped.put(lineKey, after);
        }
        return null;
    }

    private String transfer(String plant, JsonNode d) {
        String item = d.get("item").asString();
        String lot = d.get("lot").asString();
        if (!locationOf(plant, d.get("toLocation").asString())) {
            return "transfer to a foreign location";
        }
        String problem = take(key(plant, d.get("fromLocation").asString(), item, lot), 0, qty(d, "quantity"));
        if (problem == null) {
            String to = key(plant, d.get("toLocation").asString(), item, lot);
            stock.computeIfAbsent(to, x -> zero())[0] = stock.get(to)[0].add(qty(d, "quantity"));
        }
        return problem;
    }

    private String count(String plant, JsonNode d) {
        String k = key(plant, d.get("location").asString(), d.get("item").asString(), d.get("lot").asString());
        stock.computeIfAbsent(k, x -> zero())[0] = qty(d, "countedQuantity");
        return null;
    }

    private String take(String k, int status, BigDecimal q) {
        BigDecimal[] b = stock.get(k);
        if (b == null || b[status].compareTo(q) < 0) {
            return "not enough stock at " + k + ": " + (b == null ? "none" : b[status]) + " < " + q;
        }
        b[status] = b[status].subtract(q);
        return null;
    }

    private boolean uomOk(String item, JsonNode d) {
        return master.item(item).map(i -> i.baseUom().equals(d.get("uom").asString())).orElse(false);
    }

    private boolean locationOf(String plant, String location) {
        return master.location(location).map(l -> l.plant().equals(plant)).orElse(false);
    }

    private void born(String lot) {
        lotBirth.putIfAbsent(lot, births++);
    }

    private static BigDecimal qty(JsonNode d, String field) {
        return d.get(field).decimalValue();
    }

    private static String key(String plant, String location, String item, String lot) {
        return plant + "|" + location + "|" + item + "|" + lot;
    }

    private static BigDecimal[] zero() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
    }
}
