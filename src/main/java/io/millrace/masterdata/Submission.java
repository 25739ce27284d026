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
import io.millrace.web.FieldError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * A parsed master-data request: the records of every kind present (only those that parsed
 * completely) and the errors found while parsing. Mutable while a reader fills it.
 */
final class Submission {

    final Set<MasterDataKind> kinds = EnumSet.noneOf(MasterDataKind.class);
    final List<Entry<Plant>> plants = new ArrayList<>();
    final List<Entry<Location>> locations = new ArrayList<>();
    final List<Entry<Item>> items = new ArrayList<>();
    final List<Entry<Bom>> boms = new ArrayList<>();
    final List<Entry<WorkCenter>> workCenters = new ArrayList<>();
    final List<Entry<Supplier>> suppliers = new ArrayList<>();
    final List<Entry<PurchaseOrder>> purchaseOrders = new ArrayList<>();
    final List<Entry<Customer>> customers = new ArrayList<>();
    final List<Entry<SalesOrder>> salesOrders = new ArrayList<>();
    final List<FieldError> errors = new ArrayList<>();
    /** Alternative units of items that give {@code conversions}; an item without the field keeps what it has. */
    final List<Entry<ItemConversions>> conversions = new ArrayList<>();
    /**
     * Codes the request declares, including those of records that failed to parse, so that a
     * reference to such a record is not reported as unknown on top of the record's own error.
     */
    final Map<MasterDataKind, Set<String>> declared = new EnumMap<>(MasterDataKind.class);

    void declare(MasterDataKind kind, String code) {
        declared.computeIfAbsent(kind, k -> new HashSet<>()).add(code);
    }

    boolean declares(MasterDataKind kind, String code) {
        return declared.getOrDefault(kind, Set.of()).contains(code);
    }

    boolean isEmpty() {
        return kinds.isEmpty();
    }
}
