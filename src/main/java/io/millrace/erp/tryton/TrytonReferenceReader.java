package io.millrace.erp.tryton;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.erp.ErpReferenceData;
import io.millrace.erp.ErpReferenceData.Refusal;
import io.millrace.erp.ReferenceMapping;
import io.millrace.erp.ReleasedOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads Tryton's reference data in Millrace's terms: warehouses are plants, their storage
 * locations (not input or output) are locations, goods with a code are items (fixed cost price as
 * standard cost, valuation class from the category), the first BOM of a product is its BOM,
 * parties with a code on confirmed purchases and sales are suppliers and customers, confirmed or
 * processing purchases and sales are orders. Incremental reads ask for records created or written
 * after the last change seen.
 */
final class TrytonReferenceReader {

    private final TrytonClient client;
    private final ReferenceMapping mapping;

    TrytonReferenceReader(TrytonClient client, ReferenceMapping mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    ErpReferenceData read(Instant since) {
        Latest latest = new Latest(since);
        List<Refusal> refusals = new ArrayList<>();
        List<Plant> plants = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        readLocations(since, latest, plants, locations, refusals);
        List<Item> items = new ArrayList<>();
        List<Bom> boms = new ArrayList<>();
        readProducts(since, latest, items, boms, refusals);
        List<Supplier> suppliers = new ArrayList<>();
        List<PurchaseOrder> purchases = new ArrayList<>();
        readPurchases(since, latest, suppliers, purchases, refusals);
        List<Customer> customers = new ArrayList<>();
        List<SalesOrder> sales = new ArrayList<>();
        readSales(since, latest, customers, sales, refusals);
        return new ErpReferenceData(plants, locations, items, boms, suppliers, customers, purchases, sales, refusals,
                latest.value);
    }

    List<ReleasedOrder> releasedOrders(Instant since) {
        List<Object> domain = new ArrayList<>(changedSince(since));
        domain.add(List.of("state", "in", List.of("waiting", "assigned", "running")));
        JsonNode rows = search("production", domain, List.of("id", "number", "warehouse.code", "product.code",
                "quantity", "uom.symbol", "write_date", "create_date"));
        List<ReleasedOrder> orders = new ArrayList<>();
        for (JsonNode r : rows) {
            String plant = text(r.path("warehouse.").path("code"));
            String item = text(r.path("product.").path("code"));
            Optional<String> uom = mapping.unit(text(r.path("uom.").path("symbol")));
            String number = text(r.get("number"));
            if (plant == null || item == null || uom.isEmpty() || number == null) {
                continue;
            }
            orders.add(new ReleasedOrder(r.get("id").asLong(), number, plant, item,
                    TrytonValues.toDecimal(r.get("quantity")), uom.get(), changed(r)));
        }
        return orders;
    }

    private void readLocations(Instant since, Latest latest, List<Plant> plants, List<Location> locations,
                               List<Refusal> refusals) {
        JsonNode warehouses = search("stock.location", List.of(List.of("type", "=", "warehouse")),
                List.of("id", "code", "name", "input_location", "output_location", "write_date", "create_date"));
        Map<Long, String> plantOf = new HashMap<>();
        List<Long> skipped = new ArrayList<>();
        for (JsonNode w : warehouses) {
            String code = text(w.get("code"));
            if (code == null) {
                refusals.add(new Refusal("plants", "stock.location " + w.get("id").asLong() + " '"
                        + text(w.get("name")) + "'", "the warehouse has no code"));
                continue;
            }
            plantOf.put(w.get("id").asLong(), code);
            skipped.add(TrytonValues.id(w.get("input_location")));
            skipped.add(TrytonValues.id(w.get("output_location")));
            if (isNew(w, since)) {
                plants.add(new Plant(code, text(w.get("name"))));
                latest.see(changed(w));
            }
        }
        List<Object> domain = new ArrayList<>(changedSince(since));
        domain.add(List.of("type", "=", "storage"));
        for (JsonNode l : search("stock.location", domain, List.of("id", "code", "name", "warehouse",
                "write_date", "create_date"))) {
            Long warehouse = TrytonValues.id(l.get("warehouse"));
            long id = l.get("id").asLong();
            if (warehouse == null || !plantOf.containsKey(warehouse) || skipped.contains(id)) {
                continue;
            }
            latest.see(changed(l));
            String code = text(l.get("code"));
            if (code == null) {
                refusals.add(new Refusal("locations", "stock.location " + id + " '" + text(l.get("name")) + "'",
                        "the location has no code"));
                continue;
            }
            locations.add(new Location(code, plantOf.get(warehouse), mapping.role(code)));
        }
    }

    private void readProducts(Instant since, Latest latest, List<Item> items, List<Bom> boms,
                              List<Refusal> refusals) {
        List<Object> domain = new ArrayList<>(changedSince(since));
        domain.add(List.of("type", "=", "goods"));
        JsonNode products = search("product.product", domain, List.of("id", "code", "name", "cost_price",
                "cost_price_method", "default_uom.symbol", "categories", "boms", "write_date", "create_date"));
        Map<Long, String> categoryNames = categoryNames();
        Map<Long, String> bomOf = new LinkedHashMap<>();
        for (JsonNode p : products) {
            latest.see(changed(p));
            String code = text(p.get("code"));
            String record = "product.product " + p.get("id").asLong() + (code == null ? "" : " " + code) + " '"
                    + text(p.get("name")) + "'";
            if (code == null) {
                refusals.add(new Refusal("items", record, "the product has no code"));
                continue;
            }
            if (!"fixed".equals(text(p.get("cost_price_method")))) {
                refusals.add(new Refusal("items", record, "the product is costed at " + text(p.get("cost_price_method"))
                        + ", not at a fixed cost price (Millrace values stock at standard cost)"));
                continue;
            }
            String symbol = text(p.path("default_uom.").path("symbol"));
            Optional<String> uom = mapping.unit(symbol);
            if (uom.isEmpty()) {
                refusals.add(new Refusal("items", record, "the unit '" + symbol + "' has no Millrace unit in the"
                        + " mapping (millrace.erp.mapping.units)"));
                continue;
            }
            Optional<ValuationClass> valuation = Optional.empty();
            List<String> names = new ArrayList<>();
            for (JsonNode c : p.path("categories")) {
                String name = categoryNames.get(c.asLong());
                names.add(name);
                valuation = valuation.or(() -> mapping.valuationClass(name));
            }
            if (valuation.isEmpty()) {
                refusals.add(new Refusal("items", record, "no category of the product " + names + " maps to a"
                        + " valuation class (millrace.erp.mapping.categories)"));
                continue;
            }
            items.add(new Item(code, text(p.get("name")), valuation.get(), uom.get(),
                    TrytonValues.toDecimal(p.get("cost_price"))));
            JsonNode productBoms = p.path("boms");
            if (productBoms.isArray() && !productBoms.isEmpty()) {
                bomOf.put(productBoms.get(0).asLong(), code);
            }
        }
        readBoms(bomOf, boms, refusals);
    }

    private void readBoms(Map<Long, String> productBomOf, List<Bom> boms, List<Refusal> refusals) {
        if (productBomOf.isEmpty()) {
            return;
        }
        JsonNode links = client.model("product.product-production.bom", "read", List.copyOf(productBomOf.keySet()),
                List.of("id", "bom"));
        for (JsonNode link : links) {
            String item = productBomOf.get(link.get("id").asLong());
            long bomId = link.get("bom").asLong();
            JsonNode outputs = search("production.bom.output", List.of(List.of("bom", "=", bomId)),
                    List.of("product.code", "quantity"));
            JsonNode inputs = search("production.bom.input", List.of(List.of("bom", "=", bomId)),
                    List.of("product.code", "quantity"));
            BigDecimal made = null;
            for (JsonNode o : outputs) {
                if (item.equals(text(o.path("product.").path("code")))) {
                    made = TrytonValues.toDecimal(o.get("quantity"));
                }
            }
            if (made == null || made.signum() <= 0) {
                refusals.add(new Refusal("boms", "production.bom " + bomId, "the BOM has no output of " + item));
                continue;
            }
            List<BomComponent> components = new ArrayList<>();
            for (JsonNode in : inputs) {
                BigDecimal per = TrytonValues.toDecimal(in.get("quantity")).divide(made, 6, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
                components.add(new BomComponent(text(in.path("product.").path("code")), per));
            }
            if (components.isEmpty()) {
                refusals.add(new Refusal("boms", "production.bom " + bomId, "the BOM has no inputs"));
                continue;
            }
            boms.add(new Bom(item, components));
        }
    }

    private void readPurchases(Instant since, Latest latest, List<Supplier> suppliers, List<PurchaseOrder> orders,
                               List<Refusal> refusals) {
        List<Object> domain = new ArrayList<>(changedSince(since));
        domain.add(List.of("state", "in", List.of("confirmed", "processing")));
        JsonNode rows = search("purchase.purchase", domain, List.of("id", "number", "party.code", "party.name",
                "warehouse.code", "lines", "write_date", "create_date"));
        Map<String, Supplier> parties = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            latest.see(changed(r));
            String record = "purchase.purchase " + text(r.get("number"));
            String party = text(r.path("party.").path("code"));
            String plant = text(r.path("warehouse.").path("code"));
            if (party == null || plant == null) {
                refusals.add(new Refusal("purchaseOrders", record, party == null ? "the supplier has no code"
                        : "the purchase has no warehouse with a code"));
                continue;
            }
            parties.put(party, new Supplier(party, text(r.path("party.").path("name"))));
            List<PurchaseOrderLine> lines = new ArrayList<>();
            int n = 0;
            for (JsonNode line : lines(r, "purchase.line")) {
                n += 10;
                lines.add(new PurchaseOrderLine(n, text(line.path("product.").path("code")),
                        TrytonValues.toDecimal(line.get("quantity")), TrytonValues.toDecimal(line.get("unit_price"))));
            }
            orders.add(new PurchaseOrder(text(r.get("number")), party, plant, lines));
        }
        suppliers.addAll(parties.values());
    }

    private void readSales(Instant since, Latest latest, List<Customer> customers, List<SalesOrder> orders,
                           List<Refusal> refusals) {
        List<Object> domain = new ArrayList<>(changedSince(since));
        domain.add(List.of("state", "in", List.of("confirmed", "processing")));
        JsonNode rows = search("sale.sale", domain, List.of("id", "number", "party.code", "party.name",
                "warehouse.code", "lines", "write_date", "create_date"));
        Map<String, Customer> parties = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            latest.see(changed(r));
            String record = "sale.sale " + text(r.get("number"));
            String party = text(r.path("party.").path("code"));
            String plant = text(r.path("warehouse.").path("code"));
            if (party == null || plant == null) {
                refusals.add(new Refusal("salesOrders", record, party == null ? "the customer has no code"
                        : "the sale has no warehouse with a code"));
                continue;
            }
            parties.put(party, new Customer(party, text(r.path("party.").path("name"))));
            List<SalesOrderLine> lines = new ArrayList<>();
            int n = 0;
            for (JsonNode line : lines(r, "sale.line")) {
                n += 10;
                lines.add(new SalesOrderLine(n, text(line.path("product.").path("code")),
                        TrytonValues.toDecimal(line.get("quantity")), TrytonValues.toDecimal(line.get("unit_price"))));
            }
            orders.add(new SalesOrder(text(r.get("number")), party, plant, lines));
        }
        customers.addAll(parties.values());
    }

    private List<JsonNode> lines(JsonNode order, String model) {
        List<Long> ids = new ArrayList<>();
        order.path("lines").forEach(id -> ids.add(id.asLong()));
        List<JsonNode> lines = new ArrayList<>();
        if (!ids.isEmpty()) {
            client.model(model, "read", ids, List.of("id", "type", "product.code", "quantity", "unit_price"))
                    .forEach(l -> {
                        if ("line".equals(text(l.get("type"))) && text(l.path("product.").path("code")) != null) {
                            lines.add(l);
                        }
                    });
        }
        return lines;
    }

    private Map<Long, String> categoryNames() {
        Map<Long, String> names = new HashMap<>();
        search("product.category", List.of(), List.of("id", "name")).forEach(c -> names.put(c.get("id").asLong(),
                text(c.get("name"))));
        return names;
    }

    private JsonNode search(String model, List<?> domain, List<String> fields) {
        return client.model(model, "search_read", domain, 0, null, List.of(List.of("id", "ASC")), fields);
    }

    private static List<Object> changedSince(Instant since) {
        if (since == null) {
            return List.of();
        }
        Object at = TrytonValues.dateTime(since);
        return List.of(List.of("OR", List.of("write_date", ">", at), List.of("create_date", ">", at)));
    }

    private static boolean isNew(JsonNode row, Instant since) {
        Instant changed = changed(row);
        return since == null || changed != null && changed.isAfter(since);
    }

    private static Instant changed(JsonNode row) {
        Instant written = TrytonValues.toInstant(row.get("write_date"));
        return written != null ? written : TrytonValues.toInstant(row.get("create_date"));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asString("").isEmpty() ? null
                : node.asString();
    }

    /** The latest write date seen so far, starting from the previous one. */
    private static final class Latest {
        Instant value;

        Latest(Instant start) {
            this.value = start;
        }

        void see(Instant changed) {
            if (changed != null && (value == null || changed.isAfter(value))) {
                value = changed;
            }
        }
    }
}
