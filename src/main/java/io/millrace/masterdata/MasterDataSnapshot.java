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
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * All master data at one version of the database, immutable, keyed and sorted by code (orders
 * by number, BOMs by parent item), so that any number of threads may read it without locks.
 */
public final class MasterDataSnapshot {

    private final long version;
    private final SortedMap<String, Plant> plants;
    private final SortedMap<String, Location> locations;
    private final SortedMap<String, Item> items;
    private final SortedMap<String, Bom> boms;
    private final SortedMap<String, WorkCenter> workCenters;
    private final SortedMap<String, Supplier> suppliers;
    private final SortedMap<String, PurchaseOrder> purchaseOrders;
    private final SortedMap<String, Customer> customers;
    private final SortedMap<String, SalesOrder> salesOrders;
    private final Map<String, List<Location>> locationsByPlant;

    public MasterDataSnapshot(long version, SortedMap<String, Plant> plants, SortedMap<String, Location> locations,
                              SortedMap<String, Item> items, SortedMap<String, Bom> boms,
                              SortedMap<String, WorkCenter> workCenters, SortedMap<String, Supplier> suppliers,
                              SortedMap<String, PurchaseOrder> purchaseOrders, SortedMap<String, Customer> customers,
                              SortedMap<String, SalesOrder> salesOrders) {
        this.version = version;
        this.plants = frozen(plants);
        this.locations = frozen(locations);
        this.items = frozen(items);
        this.boms = frozen(boms);
        this.workCenters = frozen(workCenters);
        this.suppliers = frozen(suppliers);
        this.purchaseOrders = frozen(purchaseOrders);
        this.customers = frozen(customers);
        this.salesOrders = frozen(salesOrders);
        this.locationsByPlant = Map.copyOf(this.locations.values().stream()
                .collect(Collectors.groupingBy(Location::plant, TreeMap::new, Collectors.toUnmodifiableList())));
    }

    /** The value of the database's version counter this snapshot was read at. */
    public long version() {
        return version;
    }

    public SortedMap<String, Plant> plants() {
        return plants;
    }

    public SortedMap<String, Location> locations() {
        return locations;
    }

    /** Locations of a plant, in code order. */
    public List<Location> locationsOf(String plant) {
        return locationsByPlant.getOrDefault(plant, List.of());
    }

    public SortedMap<String, Item> items() {
        return items;
    }

    public SortedMap<String, Bom> boms() {
        return boms;
    }

    public SortedMap<String, WorkCenter> workCenters() {
        return workCenters;
    }

    public SortedMap<String, Supplier> suppliers() {
        return suppliers;
    }

    public SortedMap<String, PurchaseOrder> purchaseOrders() {
        return purchaseOrders;
    }

    public SortedMap<String, Customer> customers() {
        return customers;
    }

    public SortedMap<String, SalesOrder> salesOrders() {
        return salesOrders;
    }

    public static MasterDataSnapshot empty() {
        return new MasterDataSnapshot(0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    /** The records of one kind, in code order. */
    public SortedMap<String, ?> of(MasterDataKind kind) {
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

    /** What differs in {@code newer}: codes added or changed, per kind. */
    public MasterDataChanged changesTo(MasterDataSnapshot newer) {
        Map<MasterDataKind, Set<String>> changed = new EnumMap<>(MasterDataKind.class);
        for (MasterDataKind kind : MasterDataKind.values()) {
            Map<String, ?> before = of(kind);
            Set<String> codes = new HashSet<>();
            newer.of(kind).forEach((code, value) -> {
                if (!Objects.equals(before.get(code), value)) {
                    codes.add(code);
                }
            });
            changed.put(kind, codes);
        }
        return new MasterDataChanged(changed);
    }

    private static <T> SortedMap<String, T> frozen(SortedMap<String, T> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
