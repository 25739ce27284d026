package io.millrace.masterdata;

import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.master.WorkCenter;
import java.math.BigDecimal;
import java.util.Set;

/**
 * The field rules of each record shape, shared by the JSON and the CSV reader. Each method
 * answers the record, or null when any of its fields was wrong (the errors are recorded).
 */
final class Records {

    static final Set<String> PLANT = Set.of("code", "name");
    static final Set<String> LOCATION = Set.of("code", "plant", "role");
    static final Set<String> ITEM = Set.of("code", "description", "valuationClass", "baseUom", "standardCost",
            "conversions");
    static final Set<String> CONVERSION = Set.of("uom", "factor");
    static final Set<String> WORK_CENTER = Set.of("code", "plant", "laborRate", "machineRate", "costCenter");
    static final Set<String> PARTNER = Set.of("code", "name");
    static final Set<String> BOM = Set.of("item", "components");
    static final Set<String> BOM_COMPONENT = Set.of("item", "quantityPer");
    static final Set<String> PURCHASE_ORDER = Set.of("number", "supplier", "plant", "lines");
    static final Set<String> SALES_ORDER = Set.of("number", "customer", "plant", "lines");
    static final Set<String> ORDER_LINE = Set.of("line", "item", "quantity", "unitPrice");

    private Records() {
    }

    static Plant plant(FieldReader r) {
        Plant plant = new Plant(r.code("code"), r.optionalText("name"));
        return r.clean() ? plant : null;
    }

    static Location location(FieldReader r) {
        Location location = new Location(r.code("code"), r.code("plant"), r.enumValue("role", LocationRole.class));
        return r.clean() ? location : null;
    }

    static Item item(FieldReader r) {
        Item item = new Item(r.code("code"), r.optionalText("description"),
                r.enumValue("valuationClass", ValuationClass.class), r.uom("baseUom"), price(r, "standardCost"));
        return r.clean() ? item : null;
    }

    static WorkCenter workCenter(FieldReader r) {
        WorkCenter center = new WorkCenter(r.code("code"), r.code("plant"), price(r, "laborRate"),
                price(r, "machineRate"), r.code("costCenter"));
        return r.clean() ? center : null;
    }

    static Supplier supplier(FieldReader r) {
        Supplier supplier = new Supplier(r.code("code"), r.optionalText("name"));
        return r.clean() ? supplier : null;
    }

    static Customer customer(FieldReader r) {
        Customer customer = new Customer(r.code("code"), r.optionalText("name"));
        return r.clean() ? customer : null;
    }

    /** A component; {@code itemField} is where its item is ({@code component} in CSV rows). */
    static BomComponent component(FieldReader r, String itemField) {
        BomComponent component = new BomComponent(r.code(itemField),
                r.decimal("quantityPer", Decimals.QUANTITY_SCALE, true));
        return r.clean() ? component : null;
    }

    static PurchaseOrderLine purchaseOrderLine(FieldReader r) {
        PurchaseOrderLine line = new PurchaseOrderLine(orZero(r.lineNumber("line")), r.code("item"),
                quantity(r), price(r, "unitPrice"));
        return r.clean() ? line : null;
    }

    static SalesOrderLine salesOrderLine(FieldReader r) {
        SalesOrderLine line = new SalesOrderLine(orZero(r.lineNumber("line")), r.code("item"),
                quantity(r), price(r, "unitPrice"));
        return r.clean() ? line : null;
    }

    private static BigDecimal quantity(FieldReader r) {
        return r.decimal("quantity", Decimals.QUANTITY_SCALE, true);
    }

    private static BigDecimal price(FieldReader r, String field) {
        return r.decimal(field, Decimals.PRICE_SCALE, false);
    }

    private static int orZero(Integer line) {
        return line == null ? 0 : line;
    }
}
