package io.millrace.erp;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.Supplier;
import java.time.Instant;
import java.util.List;

/**
 * Reference data read from the ERP in Millrace's terms, the ERP records that could not be taken
 * (each with the reason), and the latest ERP write date seen ({@code null} when nothing was read):
 * the next incremental read asks for changes after it.
 */
public record ErpReferenceData(List<Plant> plants, List<Location> locations, List<Item> items, List<Bom> boms,
                               List<Supplier> suppliers, List<Customer> customers,
                               List<PurchaseOrder> purchaseOrders, List<SalesOrder> salesOrders,
                               List<Refusal> refusals, Instant latestChange) {

    public ErpReferenceData {
        plants = List.copyOf(plants);
        locations = List.copyOf(locations);
        items = List.copyOf(items);
        boms = List.copyOf(boms);
        suppliers = List.copyOf(suppliers);
        customers = List.copyOf(customers);
        purchaseOrders = List.copyOf(purchaseOrders);
        salesOrders = List.copyOf(salesOrders);
        refusals = List.copyOf(refusals);
    }

    /** True when there is nothing to store. */
    public boolean isEmpty() {
        return plants.isEmpty() && locations.isEmpty() && items.isEmpty() && boms.isEmpty() && suppliers.isEmpty()
                && customers.isEmpty() && purchaseOrders.isEmpty() && salesOrders.isEmpty();
    }

    /** An ERP record that was not taken: its kind (Millrace's name), the ERP's identification of it, and why. */
    public record Refusal(String kind, String record, String reason) {
    }
}
