package io.millrace.masterdata;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads a CSV import of one kind into a {@link Submission}: a header row of field names, then one
 * row per record; purchase and sales orders one row per line, bills of material one row per
 * component. Errors point at {@code /<kind>/<row index>/<field>} and name the CSV line.
 */
final class CsvSubmissionReader {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    private static final Map<MasterDataKind, List<String>> COLUMNS = Map.of(
            MasterDataKind.PLANTS, List.of("code", "name"),
            MasterDataKind.LOCATIONS, List.of("code", "plant", "role"),
            MasterDataKind.ITEMS, List.of("code", "description", "valuationClass", "baseUom", "standardCost"),
            MasterDataKind.BOMS, List.of("item", "component", "quantityPer"),
            MasterDataKind.WORK_CENTERS, List.of("code", "plant", "laborRate", "machineRate", "costCenter"),
            MasterDataKind.SUPPLIERS, List.of("code", "name"),
            MasterDataKind.CUSTOMERS, List.of("code", "name"),
            MasterDataKind.PURCHASE_ORDERS, List.of("number", "supplier", "plant", "line", "item", "quantity", "unitPrice"),
            MasterDataKind.SALES_ORDERS, List.of("number", "customer", "plant", "line", "item", "quantity", "unitPrice"));

    private static final Set<String> OPTIONAL = Set.of("name", "description");

    private CsvSubmissionReader() {
    }

    /** The columns of a kind's CSV header, in their documented order. */
    static List<String> columns(MasterDataKind kind) {
        return COLUMNS.get(kind);
    }

    static Submission read(MasterDataKind kind, String text) {
        Submission submission = new Submission();
        submission.kinds.add(kind);
        Where base = Where.json("/" + kind.jsonName());
        List<Row> rows;
        try {
            rows = rows(text);
        } catch (JacksonException ex) {
            submission.errors.add(base.error(null, "the body is not valid CSV: " + ex.getOriginalMessage()));
            return submission;
        }
        if (rows.isEmpty()) {
            submission.errors.add(base.error(null, "the CSV needs a header row with the columns "
                    + String.join(",", columns(kind))));
            return submission;
        }
        List<String> header = rows.get(0).cells.stream().map(String::trim).toList();
        if (!headerValid(kind, header, base, submission)) {
            return submission;
        }
        List<ObjectNode> records = new ArrayList<>();
        List<Where> places = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            Row row = rows.get(i);
            Where at = Where.csv(base.base() + "/" + (i - 1), row.line);
            if (row.cells.size() > header.size()) {
                submission.errors.add(at.error(null, "has " + row.cells.size() + " cells but the header has "
                        + header.size()));
                continue;
            }
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (int c = 0; c < row.cells.size(); c++) {
                node.put(header.get(c), row.cells.get(c));
            }
            JsonNode key = node.get(JsonSubmissionReader.keyField(kind));
            if (key != null && !key.stringValue().isEmpty()) {
                submission.declare(kind, key.stringValue());
            }
            records.add(node);
            places.add(at);
        }
        switch (kind) {
            case BOMS -> boms(records, places, submission);
            case PURCHASE_ORDERS -> purchaseOrders(records, places, submission);
            case SALES_ORDERS -> salesOrders(records, places, submission);
            default -> {
                for (int i = 0; i < records.size(); i++) {
                    simple(kind, records.get(i), places.get(i), submission);
                }
            }
        }
        return submission;
    }

    private static void simple(MasterDataKind kind, JsonNode node, Where at, Submission submission) {
        FieldReader r = new FieldReader(node, at, submission.errors, true);
        switch (kind) {
            case PLANTS -> add(Records.plant(r), r, at, submission.plants);
            case LOCATIONS -> add(Records.location(r), r, at, submission.locations);
            case ITEMS -> add(Records.item(r), r, at, submission.items);
            case WORK_CENTERS -> add(Records.workCenter(r), r, at, submission.workCenters);
            case SUPPLIERS -> add(Records.supplier(r), r, at, submission.suppliers);
            case CUSTOMERS -> add(Records.customer(r), r, at, submission.customers);
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private static <T> void add(T value, FieldReader r, Where at, List<Entry<T>> into) {
        if (value != null && r.clean()) {
            into.add(Entry.of(value, at));
        }
    }

    private static boolean headerValid(MasterDataKind kind, List<String> header, Where base, Submission submission) {
        Where at = Where.csv(base.base(), 1);
        List<String> allowed = columns(kind);
        int before = submission.errors.size();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!allowed.contains(column)) {
                submission.errors.add(at.error(null, "unknown column '" + column + "' in the header; the columns are "
                        + String.join(",", allowed)));
            } else if (!seen.add(column)) {
                submission.errors.add(at.error(null, "column '" + column + "' appears twice in the header"));
            }
        }
        for (String column : allowed) {
            if (!OPTIONAL.contains(column) && !header.contains(column)) {
                submission.errors.add(at.error(null, "the header lacks the column '" + column + "'"));
            }
        }
        return submission.errors.size() == before;
    }

    private static void boms(List<ObjectNode> rows, List<Where> places, Submission submission) {
        Map<String, Group<BomComponent>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Where at = places.get(i);
            FieldReader r = new FieldReader(rows.get(i), at, submission.errors, true);
            String item = r.code("item");
            Where componentAt = at.renaming(Map.of("item", "component"));
            BomComponent component = Records.component(r, "component");
            group(groups, item, at, null, null, component, componentAt, r.clean(), submission);
        }
        groups.forEach((item, g) -> {
            if (g.valid) {
                submission.boms.add(new Entry<>(new Bom(item, g.parts), g.where, g.places));
            }
        });
    }

    private static void purchaseOrders(List<ObjectNode> rows, List<Where> places, Submission submission) {
        Map<String, Group<PurchaseOrderLine>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            FieldReader r = new FieldReader(rows.get(i), places.get(i), submission.errors, true);
            String number = r.code("number");
            String supplier = r.code("supplier");
            String plant = r.code("plant");
            PurchaseOrderLine line = Records.purchaseOrderLine(r);
            group(groups, number, places.get(i), new String[] {"supplier", supplier}, plant, line, places.get(i),
                    r.clean(), submission);
        }
        groups.forEach((number, g) -> {
            if (g.valid) {
                submission.purchaseOrders.add(new Entry<>(new PurchaseOrder(number, g.partner, g.plant, g.parts),
                        g.where, g.places));
            }
        });
    }

    private static void salesOrders(List<ObjectNode> rows, List<Where> places, Submission submission) {
        Map<String, Group<SalesOrderLine>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            FieldReader r = new FieldReader(rows.get(i), places.get(i), submission.errors, true);
            String number = r.code("number");
            String customer = r.code("customer");
            String plant = r.code("plant");
            SalesOrderLine line = Records.salesOrderLine(r);
            group(groups, number, places.get(i), new String[] {"customer", customer}, plant, line, places.get(i),
                    r.clean(), submission);
        }
        groups.forEach((number, g) -> {
            if (g.valid) {
                submission.salesOrders.add(new Entry<>(new SalesOrder(number, g.partner, g.plant, g.parts),
                        g.where, g.places));
            }
        });
    }

    /**
     * Adds one row to the group of its key (order number or BOM parent). Every row of an order
     * must name the same partner and plant as its first row.
     */
    private static <T> void group(Map<String, Group<T>> groups, String key, Where at, String[] partner, String plant,
                                  T part, Where partAt, boolean rowValid, Submission submission) {
        if (key == null) {
            return;
        }
        Group<T> g = groups.get(key);
        if (g == null) {
            g = new Group<>(at, partner == null ? null : partner[1], plant);
            groups.put(key, g);
        } else if (partner != null) {
            if (g.partner != null && partner[1] != null && !g.partner.equals(partner[1])) {
                submission.errors.add(at.error(partner[0], "is '" + partner[1] + "' but the first row of "
                        + key + " (CSV line " + g.where.csvLine() + ") has '" + g.partner + "'"));
                rowValid = false;
            }
            if (g.plant != null && plant != null && !g.plant.equals(plant)) {
                submission.errors.add(at.error("plant", "is '" + plant + "' but the first row of "
                        + key + " (CSV line " + g.where.csvLine() + ") has '" + g.plant + "'"));
                rowValid = false;
            }
        }
        if (!rowValid) {
            g.valid = false;
            return;
        }
        g.parts.add(part);
        g.places.add(partAt);
    }

    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.currentLocation().getLineNr();
                String[] cells = it.nextValue();
                if (cells.length == 0 || (cells.length == 1 && cells[0].isBlank())) {
                    continue;
                }
                rows.add(new Row(line, List.of(cells)));
            }
        }
        return rows;
    }

    private record Row(int line, List<String> cells) {
    }

    private static final class Group<T> {
        final Where where;
        final String partner;
        final String plant;
        final List<T> parts = new ArrayList<>();
        final List<Where> places = new ArrayList<>();
        boolean valid = true;

        Group(Where where, String partner, String plant) {
            this.where = where;
            this.partner = partner;
            this.plant = plant;
        }
    }
}
