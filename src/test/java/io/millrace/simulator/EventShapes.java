package io.millrace.simulator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The field rules of events.md, written out as a small validator for the simulator's tests. */
final class EventShapes {

    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("mfg.production.order.released", List.of("orderId", "item", "quantity", "uom")),
            Map.entry("mfg.production.material.consumed", List.of("orderId", "item", "lot", "quantity", "uom", "location")),
            Map.entry("mfg.production.operation.confirmed", List.of("orderId", "operation", "workCenter", "yieldQuantity",
                    "laborMinutes", "machineMinutes")),
            Map.entry("mfg.production.scrap.declared", List.of("orderId", "quantity", "uom", "reasonCode")),
            Map.entry("mfg.production.order.completed", List.of("orderId", "item", "lot", "quantity", "uom", "location")),
            Map.entry("mfg.production.order.closed", List.of("orderId")),
            Map.entry("mfg.quality.lot.held", List.of("item", "lot", "location", "quantity", "reasonCode")),
            Map.entry("mfg.quality.lot.released", List.of("item", "lot", "location", "quantity")),
            Map.entry("mfg.quality.lot.rejected", List.of("item", "lot", "location", "quantity", "disposition", "reasonCode")),
            Map.entry("mfg.procurement.goods.received", List.of("receiptId", "purchaseOrder", "poLine", "item", "lot",
                    "quantity", "uom", "location")),
            Map.entry("mfg.procurement.invoice.received", List.of("invoiceId", "supplier", "currency", "lines")),
            Map.entry("mfg.fulfillment.shipment.confirmed", List.of("shipmentId", "salesOrder", "customer", "lines")),
            Map.entry("mfg.inventory.stock.transferred", List.of("transferId", "item", "lot", "quantity", "uom",
                    "fromLocation", "toLocation")),
            Map.entry("mfg.inventory.count.adjusted", List.of("countId", "item", "lot", "location", "countedQuantity", "uom")));
    static final Set<String> TYPES = REQUIRED.keySet();
    private static final Map<String, List<String>> OPTIONAL = Map.of(
            "mfg.production.order.completed", List.of("backflush"),
            "mfg.inventory.stock.transferred", List.of("toPlant"));
    private static final List<String> INVOICE_LINE = List.of("purchaseOrder", "poLine", "quantity", "unitPrice");
    private static final List<String> SHIPMENT_LINE = List.of("soLine", "item", "lot", "location", "quantity", "uom");
    private static final Set<String> CODES = Set.of("orderId", "item", "lot", "location", "workCenter", "purchaseOrder",
            "salesOrder", "receiptId", "invoiceId", "shipmentId", "transferId", "countId", "supplier", "customer",
            "reasonCode", "fromLocation", "toLocation", "toPlant");
    private static final Set<String> QUANTITIES = Set.of("quantity", "yieldQuantity", "laborMinutes", "machineMinutes");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_./-]{1,64}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9]+");

    private EventShapes() {
    }

    /** Every way the event breaks the rules of events.md; empty when it is well-formed. */
    static List<String> violations(JsonNode e) {
        List<String> out = new ArrayList<>();
        for (String a : List.of("specversion", "id", "source", "type", "time", "plant", "data", "subject",
                "correlationid", "datacontenttype")) {
            if (!e.has(a)) {
                out.add("missing " + a);
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        e.propertyNames().forEach(n -> check(out, ATTRIBUTE.matcher(n).matches(), "attribute name " + n));
        check(out, e.get("specversion").asString().equals("1.0"), "specversion");
        check(out, !e.get("id").asString().isEmpty() && e.get("source").asString().startsWith("urn:millrace:plant:"
                + e.get("plant").asString() + ":"), "id/source");
        check(out, e.get("datacontenttype").asString().equals("application/json"), "datacontenttype");
        check(out, CODE.matcher(e.get("subject").asString()).matches(), "subject");
        try {
            OffsetDateTime.parse(e.get("time").asString());
        } catch (RuntimeException ex) {
            out.add("time " + e.get("time"));
        }
        String type = e.get("type").asString();
        if (!REQUIRED.containsKey(type)) {
            out.add("type " + type);
            return out;
        }
        List<String> allowed = new ArrayList<>(REQUIRED.get(type));
        allowed.addAll(OPTIONAL.getOrDefault(type, List.of()));
        fields(out, type, e.get("data"), REQUIRED.get(type), allowed);
        if (e.get("data").has("lines")) {
            check(out, !e.get("data").get("lines").isEmpty(), "empty lines");
            List<String> lineFields = type.contains("invoice") ? INVOICE_LINE : SHIPMENT_LINE;
            e.get("data").get("lines").forEach(l -> fields(out, type + " line", l, lineFields, lineFields));
        }
        return out;
    }

    private static void fields(List<String> out, String where, JsonNode d, List<String> required, List<String> allowed) {
        required.forEach(f -> check(out, d.has(f), where + " lacks " + f));
        d.propertyNames().forEach(f -> check(out, allowed.contains(f), where + " has unknown " + f));
        d.properties().forEach(p -> {
            String f = p.getKey();
            JsonNode v = p.getValue();
            if (CODES.contains(f)) {
                check(out, v.isString() && CODE.matcher(v.asString()).matches(), where + " code " + f + "=" + v);
            } else if (QUANTITIES.contains(f)) {
                check(out, v.isNumber() && v.decimalValue().signum() > 0 && decimals(v) <= 6, where + " " + f + "=" + v);
            } else if (f.equals("countedQuantity")) {
                check(out, v.isNumber() && v.decimalValue().signum() >= 0 && decimals(v) <= 6, where + " " + f + "=" + v);
            } else if (f.equals("unitPrice")) {
                check(out, v.isNumber() && v.decimalValue().signum() >= 0 && decimals(v) <= 4, where + " price " + v);
            } else if (f.equals("poLine") || f.equals("soLine")) {
                check(out, v.isIntegralNumber() && v.asInt() > 0, where + " " + f + "=" + v);
            } else if (f.equals("disposition")) {
                check(out, Set.of("SCRAP", "RETURN_TO_VENDOR").contains(v.asString()), where + " disposition " + v);
            } else if (f.equals("backflush")) {
                check(out, v.isBoolean(), where + " backflush " + v);
            } else if (!f.equals("lines")) {
                check(out, v.isString() && !v.asString().isEmpty() && v.asString().length() <= 256, where + " " + f);
            }
        });
    }

    private static int decimals(JsonNode v) {
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        return Math.max(0, d.scale());
    }

    private static void check(List<String> out, boolean ok, String message) {
        if (!ok) {
            out.add(message);
        }
    }
}
