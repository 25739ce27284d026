package io.millrace.accounting.master;

import java.util.List;
import java.util.Optional;

/** The port through which the accounting core reads master data. */
public interface MasterData {

    Optional<Plant> plant(String code);

    Optional<Location> location(String code);

    /** Locations of a plant, in code order. */
    List<Location> locationsOf(String plant);

    Optional<Item> item(String code);

    Optional<Bom> bom(String item);

    Optional<WorkCenter> workCenter(String code);

    Optional<Supplier> supplier(String code);

    Optional<Customer> customer(String code);

    Optional<PurchaseOrder> purchaseOrder(String number);

    Optional<SalesOrder> salesOrder(String number);

    /** The rate of the currency valid on the day: the latest from that day or before; none by default. */
    default Optional<ExchangeRate> exchangeRate(String currency, java.time.LocalDate day) {
        return Optional.empty();
    }
}
