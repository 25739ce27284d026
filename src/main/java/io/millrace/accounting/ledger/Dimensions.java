package io.millrace.accounting.ledger;

import java.util.Objects;

/**
 * The dimensions of a journal line: always the plant; order, item, lot, cost centre, supplier and
 * customer where they apply (null where they do not).
 */
public record Dimensions(String plant, String order, String item, String lot, String costCenter, String supplier,
                         String customer) {
    public Dimensions {
        Objects.requireNonNull(plant, "plant");
    }

    public static Dimensions plant(String plant) {
        return new Dimensions(plant, null, null, null, null, null, null);
    }

    public Dimensions withOrder(String value) {
        return new Dimensions(plant, value, item, lot, costCenter, supplier, customer);
    }

    public Dimensions withItem(String value) {
        return new Dimensions(plant, order, value, lot, costCenter, supplier, customer);
    }

    public Dimensions withLot(String value) {
        return new Dimensions(plant, order, item, value, costCenter, supplier, customer);
    }

    public Dimensions withCostCenter(String value) {
        return new Dimensions(plant, order, item, lot, value, supplier, customer);
    }

    public Dimensions withSupplier(String value) {
        return new Dimensions(plant, order, item, lot, costCenter, value, customer);
    }

    public Dimensions withCustomer(String value) {
        return new Dimensions(plant, order, item, lot, costCenter, supplier, value);
    }

    public Dimensions withPlant(String value) {
        return new Dimensions(value, order, item, lot, costCenter, supplier, customer);
    }
}
