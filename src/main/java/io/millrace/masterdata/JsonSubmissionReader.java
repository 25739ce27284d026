package io.millrace.masterdata;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Reads the JSON body of a master-data upsert into a {@link Submission}, listing every error. */
final class JsonSubmissionReader {

    private JsonSubmissionReader() {
    }

    /** The body of {@code PUT /api/v1/master-data}: an object with any subset of the kinds. */
    static Submission read(JsonNode root) {
        Submission submission = new Submission();
        if (root == null || !root.isObject()) {
            submission.errors.add(Where.json("").error(null, "the body must be a JSON object with any of "
                    + Arrays.stream(MasterDataKind.values()).map(MasterDataKind::jsonName)
                    .collect(Collectors.joining(", "))));
            return submission;
        }
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            var kind = MasterDataKind.fromJsonName(member.getKey());
            if (kind.isEmpty()) {
                submission.errors.add(Where.json("/" + member.getKey()).error(null,
                        "unknown kind of master data '" + member.getKey() + "'"));
                continue;
            }
            readKind(kind.get(), member.getValue(), Where.json("/" + member.getKey()), submission);
        }
        return submission;
    }

    /** The records of one kind: a JSON array of objects. */
    static void readKind(MasterDataKind kind, JsonNode array, Where where, Submission submission) {
        submission.kinds.add(kind);
        if (array == null || !array.isArray()) {
            submission.errors.add(where.error(null, "must be an array of " + kind.jsonName()));
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            Where at = where.child(Integer.toString(i));
            if (!node.isObject()) {
                submission.errors.add(at.error(null, "must be an object"));
                continue;
            }
            JsonNode key = node.get(keyField(kind));
            if (key != null && key.isString()) {
                submission.declare(kind, key.stringValue());
            }
            FieldReader r = new FieldReader(node, at, submission.errors, false);
            switch (kind) {
                case PLANTS -> simple(r, Records.PLANT, Records::plant, at, submission.plants);
                case LOCATIONS -> simple(r, Records.LOCATION, Records::location, at, submission.locations);
                case ITEMS -> {
                    simple(r, Records.ITEM, Records::item, at, submission.items);
                    conversions(node, at, submission);
                }
                case WORK_CENTERS -> simple(r, Records.WORK_CENTER, Records::workCenter, at, submission.workCenters);
                case SUPPLIERS -> simple(r, Records.PARTNER, Records::supplier, at, submission.suppliers);
                case CUSTOMERS -> simple(r, Records.PARTNER, Records::customer, at, submission.customers);
                case BOMS -> bom(r, at, submission);
                case PURCHASE_ORDERS -> purchaseOrder(r, at, submission);
                case SALES_ORDERS -> salesOrder(r, at, submission);
            }
        }
    }

    /** {@code conversions: [{uom, factor}]} of an item: factor base units per one uom, unique uoms. */
    private static void conversions(JsonNode item, Where at, Submission submission) {
        JsonNode array = item.get("conversions");
        JsonNode code = item.get("code");
        if (array == null || code == null || !code.isString()) {
            return;
        }
        Where where = at.child("conversions");
        if (!array.isArray()) {
            submission.errors.add(where.error(null, "must be an array of {uom, factor}"));
            return;
        }
        List<io.millrace.masterdata.UnitConversion> conversions = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        JsonNode base = item.get("baseUom");
        for (int i = 0; i < array.size(); i++) {
            Where one = where.child(Integer.toString(i));
            if (!array.get(i).isObject()) {
                submission.errors.add(one.error(null, "must be an object {uom, factor}"));
                continue;
            }
            FieldReader r = new FieldReader(array.get(i), one, submission.errors, false);
            r.rejectUnknown(Records.CONVERSION);
            String uom = r.uom("uom");
            java.math.BigDecimal factor = r.decimal("factor", Decimals.QUANTITY_SCALE, true);
            if (uom != null && base != null && base.isString() && uom.equals(base.stringValue())) {
                submission.errors.add(one.error("uom", "'" + uom + "' is the item's base unit; a conversion names "
                        + "another unit"));
                continue;
            }
            if (uom != null && !seen.add(uom)) {
                submission.errors.add(one.error("uom", "unit '" + uom + "' has a conversion already"));
                continue;
            }
            if (r.clean()) {
                conversions.add(new io.millrace.masterdata.UnitConversion(uom, factor));
            }
        }
        submission.conversions.add(Entry.of(new ItemConversions(code.stringValue(), conversions), at));
    }

    /** The field that identifies a record of the kind. */
    static String keyField(MasterDataKind kind) {
        return switch (kind) {
            case BOMS -> "item";
            case PURCHASE_ORDERS, SALES_ORDERS -> "number";
            default -> "code";
        };
    }

    private static <T> void simple(FieldReader r, java.util.Set<String> fields, Function<FieldReader, T> parse,
                                   Where at, List<Entry<T>> into) {
        r.rejectUnknown(fields);
        T value = parse.apply(r);
        if (value != null && r.clean()) {
            into.add(Entry.of(value, at));
        }
    }

    private static void bom(FieldReader r, Where at, Submission submission) {
        r.rejectUnknown(Records.BOM);
        String item = r.code("item");
        List<Where> places = new ArrayList<>();
        List<BomComponent> components = parts(r, at, "components", Records.BOM_COMPONENT, places,
                submission, reader -> Records.component(reader, "item"));
        if (r.clean()) {
            submission.boms.add(new Entry<>(new Bom(item, components), at, places));
        }
    }

    private static void purchaseOrder(FieldReader r, Where at, Submission submission) {
        r.rejectUnknown(Records.PURCHASE_ORDER);
        String number = r.code("number");
        String supplier = r.code("supplier");
        String plant = r.code("plant");
        List<Where> places = new ArrayList<>();
        List<PurchaseOrderLine> lines = parts(r, at, "lines", Records.ORDER_LINE, places, submission,
                reader -> Records.purchaseOrderLine(reader));
        if (r.clean()) {
            submission.purchaseOrders.add(new Entry<>(new PurchaseOrder(number, supplier, plant, lines), at, places));
        }
    }

    private static void salesOrder(FieldReader r, Where at, Submission submission) {
        r.rejectUnknown(Records.SALES_ORDER);
        String number = r.code("number");
        String customer = r.code("customer");
        String plant = r.code("plant");
        List<Where> places = new ArrayList<>();
        List<SalesOrderLine> lines = parts(r, at, "lines", Records.ORDER_LINE, places, submission,
                reader -> Records.salesOrderLine(reader));
        if (r.clean()) {
            submission.salesOrders.add(new Entry<>(new SalesOrder(number, customer, plant, lines), at, places));
        }
    }

    /** The nested objects (lines, components) of a record, each with its place. */
    private static <T> List<T> parts(FieldReader r, Where at, String field,
                                     java.util.Set<String> fields, List<Where> places, Submission submission,
                                     Function<FieldReader, T> parse) {
        List<T> parts = new ArrayList<>();
        JsonNode array = r.objects(field);
        if (array == null) {
            return parts;
        }
        for (int j = 0; j < array.size(); j++) {
            Where partAt = at.child(field).child(Integer.toString(j));
            JsonNode part = array.get(j);
            if (!part.isObject()) {
                submission.errors.add(partAt.error(null, "must be an object"));
                continue;
            }
            FieldReader pr = new FieldReader(part, partAt, submission.errors, false);
            pr.rejectUnknown(fields);
            T value = parse.apply(pr);
            if (value != null && pr.clean()) {
                parts.add(value);
                places.add(partAt);
            }
        }
        return parts;
    }
}
