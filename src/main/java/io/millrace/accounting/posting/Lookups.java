package io.millrace.accounting.posting;

import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.WorkCenter;
import java.math.BigDecimal;
import java.util.Optional;

/** Master-data lookups that refuse with the precise reason when a reference does not resolve. */
public final class Lookups {

    private final MasterData master;
    private final String eventPlant;

    Lookups(MasterData master, String eventPlant) {
        this.master = master;
        this.eventPlant = eventPlant;
    }

    MasterData data() {
        return master;
    }

    void plant(String code) {
        if (master.plant(code).isEmpty()) {
            throw Refusal.reject(ReasonCode.UNKNOWN_PLANT, "unknown plant " + code);
        }
    }

    Item item(String code) {
        return master.item(code).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_ITEM, "unknown item " + code));
    }

    Optional<Location> findLocation(String code) {
        return master.location(code);
    }

    Location location(String code, String plant) {
        Location location = master.location(code)
                .orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_LOCATION, "unknown location " + code));
        if (!location.plant().equals(plant)) {
            throw Refusal.reject(ReasonCode.LOCATION_NOT_IN_PLANT,
                    "location " + code + " belongs to plant " + location.plant() + ", not " + plant);
        }
        return location;
    }

    Location location(String code) {
        return location(code, eventPlant);
    }

    WorkCenter workCenter(String code) {
        return master.workCenter(code).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_WORK_CENTER,
                "unknown work centre " + code));
    }

    Supplier supplier(String code) {
        return master.supplier(code).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_SUPPLIER,
                "unknown supplier " + code));
    }

    Customer customer(String code) {
        return master.customer(code).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_CUSTOMER,
                "unknown customer " + code));
    }

    PurchaseOrder purchaseOrder(String number) {
        return master.purchaseOrder(number).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_PURCHASE_ORDER,
                "unknown purchase order " + number));
    }

    PurchaseOrderLine poLine(PurchaseOrder order, int line) {
        return order.line(line).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_PO_LINE,
                "purchase order " + order.number() + " has no line " + line));
    }

    SalesOrder salesOrder(String number) {
        return master.salesOrder(number).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_SALES_ORDER,
                "unknown sales order " + number));
    }

    SalesOrderLine soLine(SalesOrder order, int line) {
        return order.line(line).orElseThrow(() -> Refusal.reject(ReasonCode.UNKNOWN_SO_LINE,
                "sales order " + order.number() + " has no line " + line));
    }

    /** The item, checked that {@code uom} is its base unit. */
    Item item(String code, String uom) {
        Item item = item(code);
        if (uom != null && !item.baseUom().equals(uom)) {
            throw Refusal.reject(ReasonCode.UOM_NOT_BASE_UNIT, "unit " + uom + " is not the base unit "
                    + item.baseUom() + " of item " + code);
        }
        return item;
    }

    static BigDecimal positive(BigDecimal quantity, String what) {
        if (quantity == null || quantity.signum() <= 0) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, what + " must be greater than 0, was " + quantity);
        }
        return scaled(quantity, what);
    }

    static BigDecimal notNegative(BigDecimal quantity, String what) {
        if (quantity == null || quantity.signum() < 0) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, what + " must not be negative, was " + quantity);
        }
        return scaled(quantity, what);
    }

    private static BigDecimal scaled(BigDecimal quantity, String what) {
        if (quantity.stripTrailingZeros().scale() > Amounts.QUANTITY_SCALE) {
            throw Refusal.reject(ReasonCode.INVALID_DATA, what + " has more than 6 decimals: " + quantity);
        }
        return quantity;
    }

    static void mismatch(String message) {
        throw Refusal.reject(ReasonCode.REFERENCE_MISMATCH, message);
    }
}
