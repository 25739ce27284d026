package io.millrace.masterdata;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.PurchaseOrderLine;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.SalesOrderLine;
import io.millrace.accounting.master.Supplier;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.master.WorkCenter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Master data in the V3 tables. Reads the whole of it as one {@link MasterDataSnapshot}; writes
 * the {@link Changes} of an upsert; and keeps the version counter that tells hub instances
 * sharing the database when to reload. Callers run writes inside one transaction.
 */
public class JdbcMasterDataStore {

    private final JdbcTemplate jdbc;

    public JdbcMasterDataStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long version() {
        return jdbc.queryForObject("SELECT version FROM master_data_version WHERE id = 1", Long.class);
    }

    /** Locks the version row until the transaction ends: upserts of all instances run one at a time. */
    long lockVersion() {
        return jdbc.queryForObject("SELECT version FROM master_data_version WHERE id = 1 FOR UPDATE", Long.class);
    }

    /** Every stored exchange rate. */
    List<io.millrace.accounting.master.ExchangeRate> exchangeRates() {
        return jdbc.query("SELECT currency, valid_from, rate FROM md_exchange_rate ORDER BY currency, valid_from",
                (rs, n) -> new io.millrace.accounting.master.ExchangeRate(rs.getString(1).trim(),
                        rs.getObject(2, java.time.LocalDate.class), rs.getBigDecimal(3)));
    }

    /** Inserts or replaces rates by currency and date; answers how many differed from what was stored. */
    int upsertExchangeRates(List<io.millrace.accounting.master.ExchangeRate> rates) {
        int changed = 0;
        for (io.millrace.accounting.master.ExchangeRate rate : rates) {
            int updated = jdbc.update("UPDATE md_exchange_rate SET rate = ? WHERE currency = ? AND valid_from = ? "
                    + "AND rate <> ?", rate.rate(), rate.currency(), rate.validFrom(), rate.rate());
            if (updated == 0) {
                updated = jdbc.update("INSERT INTO md_exchange_rate (currency, valid_from, rate) SELECT ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM md_exchange_rate WHERE currency = ? AND valid_from = ?)",
                        rate.currency(), rate.validFrom(), rate.rate(), rate.currency(), rate.validFrom());
            }
            changed += updated;
        }
        return changed;
    }

    void bumpVersion() {
        jdbc.update("UPDATE master_data_version SET version = version + 1 WHERE id = 1");
    }

    /** Everything, at the version read first (a change committed meanwhile shows up at the next check). */
    public MasterDataSnapshot load() {
        long version = version();
        return new MasterDataSnapshot(version,
                byKey(jdbc.query("SELECT code, name FROM md_plant",
                        (rs, n) -> new Plant(rs.getString(1), rs.getString(2))), Plant::code),
                byKey(jdbc.query("SELECT code, plant, role FROM md_location",
                        (rs, n) -> new Location(rs.getString(1), rs.getString(2),
                                LocationRole.valueOf(rs.getString(3)))), Location::code),
                byKey(jdbc.query("SELECT code, description, valuation_class, base_uom, standard_cost FROM md_item",
                        (rs, n) -> new Item(rs.getString(1), rs.getString(2), ValuationClass.valueOf(rs.getString(3)),
                                rs.getString(4), Decimals.price(rs.getBigDecimal(5)))), Item::code),
                byKey(boms(), Bom::item),
                byKey(jdbc.query("SELECT code, plant, labor_rate, machine_rate, cost_center FROM md_work_center",
                        (rs, n) -> new WorkCenter(rs.getString(1), rs.getString(2), Decimals.price(rs.getBigDecimal(3)),
                                Decimals.price(rs.getBigDecimal(4)), rs.getString(5))), WorkCenter::code),
                byKey(jdbc.query("SELECT code, name FROM md_supplier",
                        (rs, n) -> new Supplier(rs.getString(1), rs.getString(2))), Supplier::code),
                byKey(purchaseOrders(), PurchaseOrder::number),
                byKey(jdbc.query("SELECT code, name FROM md_customer",
                        (rs, n) -> new Customer(rs.getString(1), rs.getString(2))), Customer::code),
                byKey(salesOrders(), SalesOrder::number));
    }

    private List<Bom> boms() {
        Map<String, List<BomComponent>> components = new LinkedHashMap<>();
        jdbc.query("SELECT b.item, c.component, c.quantity_per FROM md_bom b "
                + "LEFT JOIN md_bom_component c ON c.item = b.item ORDER BY b.item, c.position", rs -> {
                    List<BomComponent> list = components.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    if (rs.getString(2) != null) {
                        list.add(new BomComponent(rs.getString(2), Decimals.quantity(rs.getBigDecimal(3))));
                    }
                });
        return components.entrySet().stream().map(e -> new Bom(e.getKey(), e.getValue())).toList();
    }

    private List<PurchaseOrder> purchaseOrders() {
        Map<String, List<PurchaseOrderLine>> lines = new LinkedHashMap<>();
        jdbc.query("SELECT po_number, line, item, quantity, unit_price FROM md_purchase_order_line "
                + "ORDER BY po_number, line", rs -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PurchaseOrderLine(
                            rs.getInt(2), rs.getString(3), Decimals.quantity(rs.getBigDecimal(4)),
                            Decimals.price(rs.getBigDecimal(5))));
                });
        return jdbc.query("SELECT po_number, supplier, plant FROM md_purchase_order", (rs, n) -> new PurchaseOrder(
                rs.getString(1), rs.getString(2), rs.getString(3), lines.getOrDefault(rs.getString(1), List.of())));
    }

    private List<SalesOrder> salesOrders() {
        Map<String, List<SalesOrderLine>> lines = new LinkedHashMap<>();
        jdbc.query("SELECT so_number, line, item, quantity, unit_price FROM md_sales_order_line "
                + "ORDER BY so_number, line", rs -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SalesOrderLine(
                            rs.getInt(2), rs.getString(3), Decimals.quantity(rs.getBigDecimal(4)),
                            Decimals.price(rs.getBigDecimal(5))));
                });
        return jdbc.query("SELECT so_number, customer, plant FROM md_sales_order", (rs, n) -> new SalesOrder(
                rs.getString(1), rs.getString(2), rs.getString(3), lines.getOrDefault(rs.getString(1), List.of())));
    }

    /** Replaces the alternative units of each item that gives them; answers whether any differed. */
    boolean writeConversions(List<Entry<ItemConversions>> given) {
        boolean changed = false;
        for (Entry<ItemConversions> e : given) {
            ItemConversions next = e.value();
            java.util.Map<String, java.math.BigDecimal> stored = new java.util.HashMap<>();
            jdbc.query("SELECT uom, factor FROM md_item_conversion WHERE item = ?",
                    rs -> { stored.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros()); }, next.item());
            java.util.Map<String, java.math.BigDecimal> wanted = new java.util.HashMap<>();
            next.conversions().forEach(c -> wanted.put(c.uom(), c.factor().stripTrailingZeros()));
            if (stored.equals(wanted)) {
                continue;
            }
            changed = true;
            jdbc.update("DELETE FROM md_item_conversion WHERE item = ?", next.item());
            for (UnitConversion c : next.conversions()) {
                jdbc.update("INSERT INTO md_item_conversion (item, uom, factor) VALUES (?, ?, ?)", next.item(),
                        c.uom(), c.factor());
            }
        }
        return changed;
    }

    /** Writes the changes, parents before children, so that the foreign keys hold at every statement. */
    void write(Changes changes) {
        upsert(changes.plants(), "INSERT INTO md_plant (name, code) VALUES (?, ?)",
                "UPDATE md_plant SET name = ? WHERE code = ?", p -> new Object[] {p.name(), p.code()});
        upsert(changes.locations(), "INSERT INTO md_location (plant, role, code) VALUES (?, ?, ?)",
                "UPDATE md_location SET plant = ?, role = ? WHERE code = ?",
                l -> new Object[] {l.plant(), l.role().name(), l.code()});
        upsert(changes.items(), "INSERT INTO md_item (description, valuation_class, base_uom, standard_cost, code) "
                        + "VALUES (?, ?, ?, ?, ?)",
                "UPDATE md_item SET description = ?, valuation_class = ?, base_uom = ?, standard_cost = ? WHERE code = ?",
                i -> new Object[] {i.description(), i.valuationClass().name(), i.baseUom(), i.standardCost(), i.code()});
        upsert(changes.workCenters(), "INSERT INTO md_work_center (plant, labor_rate, machine_rate, cost_center, code) "
                        + "VALUES (?, ?, ?, ?, ?)",
                "UPDATE md_work_center SET plant = ?, labor_rate = ?, machine_rate = ?, cost_center = ? WHERE code = ?",
                w -> new Object[] {w.plant(), w.laborRate(), w.machineRate(), w.costCenter(), w.code()});
        upsert(changes.suppliers(), "INSERT INTO md_supplier (name, code) VALUES (?, ?)",
                "UPDATE md_supplier SET name = ? WHERE code = ?", s -> new Object[] {s.name(), s.code()});
        upsert(changes.customers(), "INSERT INTO md_customer (name, code) VALUES (?, ?)",
                "UPDATE md_customer SET name = ? WHERE code = ?", c -> new Object[] {c.name(), c.code()});
        writeBoms(changes.boms());
        writePurchaseOrders(changes.purchaseOrders());
        writeSalesOrders(changes.salesOrders());
    }

    private void writeBoms(KindChanges<Bom> boms) {
        batch("INSERT INTO md_bom (item) VALUES (?)", boms.created(), b -> new Object[] {b.item()});
        batch("DELETE FROM md_bom_component WHERE item = ?", boms.updated(), b -> new Object[] {b.item()});
        List<Object[]> rows = new ArrayList<>();
        for (Bom bom : concat(boms.created(), boms.updated())) {
            for (int i = 0; i < bom.components().size(); i++) {
                BomComponent c = bom.components().get(i);
                rows.add(new Object[] {bom.item(), i + 1, c.item(), c.quantityPer()});
            }
        }
        batchRows("INSERT INTO md_bom_component (item, position, component, quantity_per) VALUES (?, ?, ?, ?)", rows);
    }

    private void writePurchaseOrders(KindChanges<PurchaseOrder> orders) {
        upsert(orders, "INSERT INTO md_purchase_order (supplier, plant, po_number) VALUES (?, ?, ?)",
                "UPDATE md_purchase_order SET supplier = ?, plant = ? WHERE po_number = ?",
                o -> new Object[] {o.supplier(), o.plant(), o.number()});
        batch("DELETE FROM md_purchase_order_line WHERE po_number = ?", orders.updated(), o -> new Object[] {o.number()});
        List<Object[]> rows = new ArrayList<>();
        for (PurchaseOrder o : concat(orders.created(), orders.updated())) {
            o.lines().forEach(l -> rows.add(new Object[] {o.number(), l.line(), l.item(), l.quantity(), l.unitPrice()}));
        }
        batchRows("INSERT INTO md_purchase_order_line (po_number, line, item, quantity, unit_price) "
                + "VALUES (?, ?, ?, ?, ?)", rows);
    }

    private void writeSalesOrders(KindChanges<SalesOrder> orders) {
        upsert(orders, "INSERT INTO md_sales_order (customer, plant, so_number) VALUES (?, ?, ?)",
                "UPDATE md_sales_order SET customer = ?, plant = ? WHERE so_number = ?",
                o -> new Object[] {o.customer(), o.plant(), o.number()});
        batch("DELETE FROM md_sales_order_line WHERE so_number = ?", orders.updated(), o -> new Object[] {o.number()});
        List<Object[]> rows = new ArrayList<>();
        for (SalesOrder o : concat(orders.created(), orders.updated())) {
            o.lines().forEach(l -> rows.add(new Object[] {o.number(), l.line(), l.item(), l.quantity(), l.unitPrice()}));
        }
        batchRows("INSERT INTO md_sales_order_line (so_number, line, item, quantity, unit_price) "
                + "VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** The insert and the update take the same arguments, the key last. */
    private <T> void upsert(KindChanges<T> changes, String insert, String update, Function<T, Object[]> args) {
        batch(insert, changes.created(), args);
        batch(update, changes.updated(), args);
    }

    private <T> void batch(String sql, List<T> values, Function<T, Object[]> args) {
        batchRows(sql, values.stream().map(args).toList());
    }

    private void batchRows(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> TreeMap<String, T> byKey(List<T> values, Function<T, String> key) {
        TreeMap<String, T> map = new TreeMap<>();
        values.forEach(v -> map.put(key.apply(v), v));
        return map;
    }

}
