package io.millrace.accounting.replay;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.ExchangeRate;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.WorkCenter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Master data as it would be with proposed changes: new standard costs per item and replaced bills
 * of material; everything else is read through to the real master data.
 */
public final class ProposedMasterData implements MasterData {

    private final MasterData base;
    private final Map<String, BigDecimal> standardCosts;
    private final Map<String, Bom> boms;

    public ProposedMasterData(MasterData base, Map<String, BigDecimal> standardCosts, List<Bom> boms) {
        this.base = base;
        this.standardCosts = Map.copyOf(standardCosts);
        this.boms = boms.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Bom::item, b -> b));
    }

    @Override
    public Optional<Item> item(String code) {
        BigDecimal cost = standardCosts.get(code);
        return cost == null ? base.item(code) : base.item(code).map(i -> new Item(i.code(), i.description(),
                i.valuationClass(), i.baseUom(), cost));
    }

    @Override
    public Optional<Bom> bom(String item) {
        Bom proposed = boms.get(item);
        return proposed != null ? Optional.of(proposed) : base.bom(item);
    }

    @Override
    public Optional<Plant> plant(String code) {
        return base.plant(code);
    }

    @Override
    public Optional<Location> location(String code) {
        return base.location(code);
    }

    @Override
    public List<Location> locationsOf(String plant) {
        return base.locationsOf(plant);
    }

    @Override
    public Optional<WorkCenter> workCenter(String code) {
        return base.workCenter(code);
    }

    @Override
    public Optional<Supplier> supplier(String code) {
        return base.supplier(code);
    }

    @Override
    public Optional<Customer> customer(String code) {
        return base.customer(code);
    }

    @Override
    public Optional<PurchaseOrder> purchaseOrder(String number) {
        return base.purchaseOrder(number);
    }

    @Override
    public Optional<SalesOrder> salesOrder(String number) {
        return base.salesOrder(number);
    }

    @Override
    public Optional<ExchangeRate> exchangeRate(String currency, LocalDate day) {
        return base.exchangeRate(currency, day);
    }
}
