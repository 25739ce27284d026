package io.millrace.masterdata;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.WorkCenter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The effect of a valid submission on the stored master data, kind by kind. */
record Changes(Set<MasterDataKind> kinds, KindChanges<Plant> plants, KindChanges<Location> locations,
               KindChanges<Item> items, KindChanges<Bom> boms, KindChanges<WorkCenter> workCenters,
               KindChanges<Supplier> suppliers, KindChanges<PurchaseOrder> purchaseOrders,
               KindChanges<Customer> customers, KindChanges<SalesOrder> salesOrders) {

    static Changes between(Submission s, MasterDataSnapshot stored) {
        return new Changes(s.kinds,
                KindChanges.between(s.plants, stored.plants(), Plant::code),
                KindChanges.between(s.locations, stored.locations(), Location::code),
                KindChanges.between(s.items, stored.items(), Item::code),
                KindChanges.between(s.boms, stored.boms(), Bom::item),
                KindChanges.between(s.workCenters, stored.workCenters(), WorkCenter::code),
                KindChanges.between(s.suppliers, stored.suppliers(), Supplier::code),
                KindChanges.between(s.purchaseOrders, stored.purchaseOrders(), PurchaseOrder::number),
                KindChanges.between(s.customers, stored.customers(), Customer::code),
                KindChanges.between(s.salesOrders, stored.salesOrders(), SalesOrder::number));
    }

    KindChanges<?> of(MasterDataKind kind) {
        return switch (kind) {
            case PLANTS -> plants;
            case LOCATIONS -> locations;
            case ITEMS -> items;
            case BOMS -> boms;
            case WORK_CENTERS -> workCenters;
            case SUPPLIERS -> suppliers;
            case PURCHASE_ORDERS -> purchaseOrders;
            case CUSTOMERS -> customers;
            case SALES_ORDERS -> salesOrders;
        };
    }

    boolean changeAnything() {
        for (MasterDataKind kind : MasterDataKind.values()) {
            if (of(kind).changesAnything()) {
                return true;
            }
        }
        return false;
    }

    /** Counts per kind present in the request, keyed by the kind's JSON name, in kind order. */
    Map<String, UpsertCounts> counts() {
        Map<String, UpsertCounts> counts = new LinkedHashMap<>();
        for (MasterDataKind kind : MasterDataKind.values()) {
            if (kinds.contains(kind)) {
                counts.put(kind.jsonName(), of(kind).counts());
            }
        }
        return counts;
    }

    MasterDataChanged changed() {
        Map<MasterDataKind, Set<String>> codes = new EnumMap<>(MasterDataKind.class);
        codes.put(MasterDataKind.PLANTS, keys(plants, Plant::code));
        codes.put(MasterDataKind.LOCATIONS, keys(locations, Location::code));
        codes.put(MasterDataKind.ITEMS, keys(items, Item::code));
        codes.put(MasterDataKind.BOMS, keys(boms, Bom::item));
        codes.put(MasterDataKind.WORK_CENTERS, keys(workCenters, WorkCenter::code));
        codes.put(MasterDataKind.SUPPLIERS, keys(suppliers, Supplier::code));
        codes.put(MasterDataKind.PURCHASE_ORDERS, keys(purchaseOrders, PurchaseOrder::number));
        codes.put(MasterDataKind.CUSTOMERS, keys(customers, Customer::code));
        codes.put(MasterDataKind.SALES_ORDERS, keys(salesOrders, SalesOrder::number));
        return new MasterDataChanged(codes);
    }

    /** One created or updated record: its state as stored before (null when new) and after. */
    record Revision(MasterDataKind kind, String code, Object before, Object after) {
    }

    List<Revision> revisions(MasterDataSnapshot stored) {
        List<Revision> out = new ArrayList<>();
        revisions(out, MasterDataKind.PLANTS, plants, Plant::code, stored);
        revisions(out, MasterDataKind.LOCATIONS, locations, Location::code, stored);
        revisions(out, MasterDataKind.ITEMS, items, Item::code, stored);
        revisions(out, MasterDataKind.BOMS, boms, Bom::item, stored);
        revisions(out, MasterDataKind.WORK_CENTERS, workCenters, WorkCenter::code, stored);
        revisions(out, MasterDataKind.SUPPLIERS, suppliers, Supplier::code, stored);
        revisions(out, MasterDataKind.PURCHASE_ORDERS, purchaseOrders, PurchaseOrder::number, stored);
        revisions(out, MasterDataKind.CUSTOMERS, customers, Customer::code, stored);
        revisions(out, MasterDataKind.SALES_ORDERS, salesOrders, SalesOrder::number, stored);
        return out;
    }

    private static <T> void revisions(List<Revision> out, MasterDataKind kind, KindChanges<T> changes,
                                      Function<T, String> key, MasterDataSnapshot stored) {
        changes.created().forEach(v -> out.add(new Revision(kind, key.apply(v), null, v)));
        changes.updated().forEach(v -> out.add(new Revision(kind, key.apply(v), stored.of(kind).get(key.apply(v)), v)));
    }

    private static <T> Set<String> keys(KindChanges<T> changes, Function<T, String> key) {
        Set<String> codes = new HashSet<>();
        changes.created().forEach(v -> codes.add(key.apply(v)));
        changes.updated().forEach(v -> codes.add(key.apply(v)));
        return codes;
    }
}
