package io.millrace.masterdata;

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
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The {@link MasterData} port for the posting pipeline: every lookup reads an immutable snapshot
 * through one volatile field, so any number of threads read without locks or database calls.
 * The snapshot is loaded at start, replaced after each upsert committed here, and reloaded when
 * the database's version counter shows that another hub instance changed master data
 * ({@link #checkForChanges()}, called about once a second).
 */
public class CachedMasterData implements MasterData {

    private final JdbcMasterDataStore store;
    private final ApplicationEventPublisher events;
    private final Object reloading = new Object();
    private volatile MasterDataSnapshot snapshot;
    private volatile ExchangeRates rates;

    public CachedMasterData(JdbcMasterDataStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
        this.snapshot = store.load();
        this.rates = ExchangeRates.load(store);
    }

    @Override
    public Optional<io.millrace.accounting.master.ExchangeRate> exchangeRate(String currency,
                                                                             java.time.LocalDate day) {
        return rates.on(currency, day);
    }

    /** Every exchange rate, by currency and date. */
    public List<io.millrace.accounting.master.ExchangeRate> exchangeRates() {
        return rates.all();
    }

    /** Everything, as of the last load. */
    public MasterDataSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Reloads when the stored version differs from the snapshot's, and then publishes what
     * changed. Cheap when nothing changed: one single-row query.
     */
    public void checkForChanges() {
        if (store.version() == snapshot.version()) {
            return;
        }
        Reload reload = reload();
        MasterDataChanged changed = reload.before().changesTo(reload.after());
        if (!changed.isEmpty()) {
            events.publishEvent(changed);
        }
    }

    /** Loads the stored master data now; a newer snapshot is never replaced by an older one. */
    Reload reload() {
        synchronized (reloading) {
            MasterDataSnapshot before = snapshot;
            MasterDataSnapshot fresh = store.load();
            if (fresh.version() >= before.version()) {
                snapshot = fresh;
                rates = ExchangeRates.load(store);
            }
            return new Reload(before, snapshot);
        }
    }

    record Reload(MasterDataSnapshot before, MasterDataSnapshot after) {
    }

    @Override
    public Optional<Plant> plant(String code) {
        return Optional.ofNullable(snapshot.plants().get(code));
    }

    @Override
    public Optional<Location> location(String code) {
        return Optional.ofNullable(snapshot.locations().get(code));
    }

    @Override
    public List<Location> locationsOf(String plant) {
        return snapshot.locationsOf(plant);
    }

    @Override
    public Optional<Item> item(String code) {
        return Optional.ofNullable(snapshot.items().get(code));
    }

    @Override
    public Optional<Bom> bom(String item) {
        return Optional.ofNullable(snapshot.boms().get(item));
    }

    @Override
    public Optional<WorkCenter> workCenter(String code) {
        return Optional.ofNullable(snapshot.workCenters().get(code));
    }

    @Override
    public Optional<Supplier> supplier(String code) {
        return Optional.ofNullable(snapshot.suppliers().get(code));
    }

    @Override
    public Optional<Customer> customer(String code) {
        return Optional.ofNullable(snapshot.customers().get(code));
    }

    @Override
    public Optional<PurchaseOrder> purchaseOrder(String number) {
        return Optional.ofNullable(snapshot.purchaseOrders().get(number));
    }

    @Override
    public Optional<SalesOrder> salesOrder(String number) {
        return Optional.ofNullable(snapshot.salesOrders().get(number));
    }
}
