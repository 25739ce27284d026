package io.millrace.masterdata;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of master data, in dependency order (a kind refers only to kinds before it). */
public enum MasterDataKind {
    PLANTS("plants"),
    LOCATIONS("locations"),
    ITEMS("items"),
    BOMS("boms"),
    WORK_CENTERS("workCenters"),
    SUPPLIERS("suppliers"),
    PURCHASE_ORDERS("purchaseOrders"),
    CUSTOMERS("customers"),
    SALES_ORDERS("salesOrders");

    private final String jsonName;

    MasterDataKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The member name in request and response bodies, and the path segment of the API. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<MasterDataKind> fromJsonName(String name) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equals(name)).findFirst();
    }
}
