package io.millrace.accounting.master;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Master data held in memory, for tests of the core alone. Upserts replace by code. */
public final class InMemoryMasterData implements MasterData {

    private final Map<String, Plant> plants = new ConcurrentHashMap<>();
    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final Map<String, Bom> boms = new ConcurrentHashMap<>();
    private final Map<String, WorkCenter> workCenters = new ConcurrentHashMap<>();
    private final Map<String, Supplier> suppliers = new ConcurrentHashMap<>();
    private final Map<String, Customer> customers = new ConcurrentHashMap<>();
    private final Map<String, PurchaseOrder> purchaseOrders = new ConcurrentHashMap<>();
    private final Map<String, SalesOrder> salesOrders = new ConcurrentHashMap<>();

    private final Map<String, java.util.NavigableMap<java.time.LocalDate, ExchangeRate>> rates =
            new ConcurrentHashMap<>();

    public InMemoryMasterData put(ExchangeRate rate) {
        rates.computeIfAbsent(rate.currency(), c -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(rate.validFrom(), rate);
        return this;
    }

    @Override
    public Optional<ExchangeRate> exchangeRate(String currency, java.time.LocalDate day) {
        java.util.NavigableMap<java.time.LocalDate, ExchangeRate> byDay = rates.get(currency);
        return byDay == null ? Optional.empty() : Optional.ofNullable(byDay.floorEntry(day)).map(Map.Entry::getValue);
    }

    public InMemoryMasterData put(Plant plant) {
        plants.put(plant.code(), plant);
        return this;
    }

    public InMemoryMasterData put(Location location) {
        locations.put(location.code(), location);
        return this;
    }

    public InMemoryMasterData put(Item item) {
        items.put(item.code(), item);
        return this;
    }

    public InMemoryMasterData put(Bom bom) {
        boms.put(bom.item(), bom);
        return this;
    }

    public InMemoryMasterData put(WorkCenter workCenter) {
        workCenters.put(workCenter.code(), workCenter);
        return this;
    }

    public InMemoryMasterData put(Supplier supplier) {
        suppliers.put(supplier.code(), supplier);
        return this;
    }

    public InMemoryMasterData put(Customer customer) {
        customers.put(customer.code(), customer);
        return this;
    }

    public InMemoryMasterData put(PurchaseOrder order) {
        purchaseOrders.put(order.number(), order);
        return this;
    }

    public InMemoryMasterData put(SalesOrder order) {
        salesOrders.put(order.number(), order);
        return this;
    }

    @Override
    public Optional<Plant> plant(String code) {
        return Optional.ofNullable(plants.get(code));
    }

    @Override
    public Optional<Location> location(String code) {
        return Optional.ofNullable(locations.get(code));
    }

    @Override
    public List<Location> locationsOf(String plant) {
        return locations.values().stream().filter(l -> l.plant().equals(plant))
                .sorted(Comparator.comparing(Location::code)).toList();
    }

    @Override
    public Optional<Item> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    @Override
    public Optional<Bom> bom(String item) {
        return Optional.ofNullable(boms.get(item));
    }

    @Override
    public Optional<WorkCenter> workCenter(String code) {
        return Optional.ofNullable(workCenters.get(code));
    }

    @Override
    public Optional<Supplier> supplier(String code) {
        return Optional.ofNullable(suppliers.get(code));
    }

    @Override
    public Optional<Customer> customer(String code) {
        return Optional.ofNullable(customers.get(code));
    }

    @Override
    public Optional<PurchaseOrder> purchaseOrder(String number) {
        return Optional.ofNullable(purchaseOrders.get(number));
    }

    @Override
    public Optional<SalesOrder> salesOrder(String number) {
        return Optional.ofNullable(salesOrders.get(number));
    }
}
