package io.millrace.simulator;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.WorkCenter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A complete set of master data in the shapes of the master-data API ({@code GET} and
 * {@code PUT /api/v1/master-data}), parsed from JSON. Fields the simulator does not need are
 * ignored, so the hub may add to the shapes without breaking it.
 */
public record MasterDataSet(List<Plant> plants, List<Location> locations, List<Item> items, List<Bom> boms,
                            List<WorkCenter> workCenters, List<Supplier> suppliers,
                            List<PurchaseOrder> purchaseOrders, List<Customer> customers,
                            List<SalesOrder> salesOrders) implements MasterData {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public MasterDataSet {
        plants = copy(plants);
        locations = copy(locations);
        items = copy(items);
        boms = copy(boms);
        workCenters = copy(workCenters);
        suppliers = copy(suppliers);
        purchaseOrders = copy(purchaseOrders);
        customers = copy(customers);
        salesOrders = copy(salesOrders);
    }

    /** Parses the JSON of {@code GET /api/v1/master-data} or of a demo master-data file. */
    public static MasterDataSet parse(String json) {
        try {
            return MAPPER.readValue(json, MasterDataSet.class);
        } catch (JacksonException ex) {
            throw new IllegalArgumentException("master data is not valid JSON of the master-data shapes: "
                    + ex.getOriginalMessage(), ex);
        }
    }

    public static MasterDataSet parse(InputStream json) {
        try (json) {
            return parse(new String(json.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads a classpath resource such as {@code /demo/master-data.json}. */
    public static MasterDataSet fromResource(String resource) {
        InputStream in = MasterDataSet.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no master-data resource " + resource);
        }
        return parse(in);
    }

    @Override
    public Optional<Plant> plant(String code) {
        return find(plants, Plant::code, code);
    }

    @Override
    public Optional<Location> location(String code) {
        return find(locations, Location::code, code);
    }

    @Override
    public List<Location> locationsOf(String plant) {
        return locations.stream().filter(l -> l.plant().equals(plant))
                .sorted(Comparator.comparing(Location::code)).toList();
    }

    @Override
    public Optional<Item> item(String code) {
        return find(items, Item::code, code);
    }

    @Override
    public Optional<Bom> bom(String item) {
        return find(boms, Bom::item, item);
    }

    @Override
    public Optional<WorkCenter> workCenter(String code) {
        return find(workCenters, WorkCenter::code, code);
    }

    @Override
    public Optional<Supplier> supplier(String code) {
        return find(suppliers, Supplier::code, code);
    }

    @Override
    public Optional<Customer> customer(String code) {
        return find(customers, Customer::code, code);
    }

    @Override
    public Optional<PurchaseOrder> purchaseOrder(String number) {
        return find(purchaseOrders, PurchaseOrder::number, number);
    }

    @Override
    public Optional<SalesOrder> salesOrder(String number) {
        return find(salesOrders, SalesOrder::number, number);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static <T> Optional<T> find(List<T> list, Function<T, String> key, String code) {
        return list.stream().filter(t -> key.apply(t).equals(code)).findFirst();
    }
}
