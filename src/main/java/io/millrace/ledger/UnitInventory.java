package io.millrace.ledger;

import io.millrace.accounting.books.InventoryBalances;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inventory sub-ledger in a unit of work. Before it reads or writes any stock of an item in a
 * plant, the unit locks that plant and item's row of {@code ledger_plant_stock} (creating it when
 * missing), which also holds the plant total: so every unit that touches the stock of one item in
 * one plant runs after the other, without phantoms, and {@link #plantQuantity} is one cached row.
 * Balances are read by key or by location on first use and kept; a balance saved with zero
 * quantity is deleted at flush.
 */
final class UnitInventory implements InventoryBalances {

    private static final Comparator<StockBalance> STORED_ORDER = Comparator.comparing(StockBalance::receivedAt)
            .thenComparing(b -> b.key().lot()).thenComparing(b -> b.key().status());
    private static final String COLUMNS = "plant, location, item, lot, status, quantity, received_at";

    private record PlantItem(String plant, String item) {
    }

    private record Place(String plant, String location, String item) {
        static Place of(StockKey key) {
            return new Place(key.plant(), key.location(), key.item());
        }
    }

    /** The locked plant total: as stored and as changed in this unit. */
    private static final class Total {
        private BigDecimal stored;
        private BigDecimal current;

        Total(BigDecimal stored) {
            this.stored = stored;
            this.current = stored;
        }
    }

    private final Jdbc jdbc;
    private final Map<PlantItem, Total> totals = new LinkedHashMap<>();
    private final TrackedRows<StockKey, StockBalance> balances = new TrackedRows<>();
    private final Map<Place, Set<StockKey>> keysByPlace = new HashMap<>();
    private final Set<Place> placesLoaded = new java.util.HashSet<>();

    UnitInventory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private Total lock(String plant, String item) {
        PlantItem key = new PlantItem(plant, item);
        Total total = totals.get(key);
        if (total == null) {
            Optional<BigDecimal> stored = selectTotalForUpdate(key);
            if (stored.isEmpty()) {
                // ON CONFLICT without a target: H2 accepts only this form; a concurrent insert wins quietly
                jdbc.update("INSERT INTO ledger_plant_stock (plant, item, quantity) VALUES (?, ?, 0) "
                        + "ON CONFLICT DO NOTHING", ps -> {
                            ps.setString(1, plant);
                            ps.setString(2, item);
                        });
                stored = selectTotalForUpdate(key);
            }
            total = new Total(stored.orElseThrow(() -> new IllegalStateException("plant stock row of " + key
                    + " vanished")));
            totals.put(key, total);
        }
        return total;
    }

    private Optional<BigDecimal> selectTotalForUpdate(PlantItem key) {
        return jdbc.single("SELECT quantity FROM ledger_plant_stock WHERE plant = ? AND item = ? FOR UPDATE", ps -> {
            ps.setString(1, key.plant());
            ps.setString(2, key.item());
        }, rs -> rs.getBigDecimal(1));
    }

    @Override
    public Optional<StockBalance> find(StockKey key) {
        lock(key.plant(), key.item());
        if (!balances.isKnown(key) && !placesLoaded.contains(Place.of(key))) {
            Optional<StockBalance> stored = jdbc.single("SELECT " + COLUMNS + " FROM ledger_stock_balance "
                    + "WHERE plant = ? AND location = ? AND item = ? AND lot = ? AND status = ?", ps -> {
                        ps.setString(1, key.plant());
                        ps.setString(2, key.location());
                        ps.setString(3, key.item());
                        ps.setString(4, key.lot());
                        ps.setString(5, key.status().name());
                    }, UnitInventory::balance);
            remember(key, stored.orElse(null));
        }
        if (!balances.isKnown(key)) {
            remember(key, null);
        }
        return balances.current(key);
    }

    private void remember(StockKey key, StockBalance stored) {
        balances.loaded(key, stored);
        keysByPlace.computeIfAbsent(Place.of(key), p -> new LinkedHashSet<>()).add(key);
    }

    @Override
    public List<StockBalance> atLocation(String plant, String location, String item) {
        lock(plant, item);
        Place place = new Place(plant, location, item);
        if (placesLoaded.add(place)) {
            List<StockBalance> stored = jdbc.query("SELECT " + COLUMNS + " FROM ledger_stock_balance "
                    + "WHERE plant = ? AND location = ? AND item = ?", ps -> {
                        ps.setString(1, plant);
                        ps.setString(2, location);
                        ps.setString(3, item);
                    }, UnitInventory::balance);
            stored.stream().sorted(STORED_ORDER).forEach(b -> remember(b.key(), b));
        }
        List<StockBalance> result = new ArrayList<>();
        for (StockKey key : keysByPlace.getOrDefault(place, Set.of())) {
            balances.current(key).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public BigDecimal plantQuantity(String plant, String item) {
        return lock(plant, item).current;
    }

    @Override
    public void save(StockBalance balance) {
        StockKey key = balance.key();
        Total total = lock(key.plant(), key.item());
        BigDecimal before = find(key).map(StockBalance::quantity).orElse(BigDecimal.ZERO);
        total.current = total.current.add(balance.quantity()).subtract(before);
        balances.put(key, balance.quantity().signum() == 0 ? null : balance);
    }

    @Override
    public List<StockBalance> all() {
        Map<StockKey, StockBalance> merged = new LinkedHashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM ledger_stock_balance ORDER BY plant, location, item, lot, status",
                ps -> { }, UnitInventory::balance).forEach(b -> merged.put(b.key(), b));
        for (Map.Entry<StockKey, TrackedRows.Tracked<StockBalance>> e : balances.entries()) {
            StockBalance current = e.getValue().current();
            if (current == null) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), current);
            }
        }
        return List.copyOf(merged.values());
    }

    private static StockBalance balance(ResultSet rs) throws SQLException {
        StockKey key = new StockKey(rs.getString("plant"), rs.getString("location"), rs.getString("item"),
                rs.getString("lot"), StockStatus.valueOf(rs.getString("status")));
        return new StockBalance(key, Columns.quantity(rs, "quantity"), Columns.instant(rs, "received_at"));
    }

    void flush() {
        List<StockBalance> inserts = new ArrayList<>();
        List<StockBalance> updates = new ArrayList<>();
        List<StockKey> deletes = new ArrayList<>();
        balances.changes((k, v) -> inserts.add(v), (k, v) -> updates.add(v), (k, v) -> deletes.add(k));
        jdbc.batch("DELETE FROM ledger_stock_balance WHERE plant = ? AND location = ? AND item = ? AND lot = ? "
                + "AND status = ?", deletes, (ps, k) -> bindKey(ps, k, 1));
        jdbc.batch("UPDATE ledger_stock_balance SET quantity = ?, received_at = ? WHERE plant = ? AND location = ? "
                + "AND item = ? AND lot = ? AND status = ?", updates, (ps, b) -> {
                    ps.setBigDecimal(1, b.quantity());
                    Columns.setInstant(ps, 2, b.receivedAt());
                    bindKey(ps, b.key(), 3);
                });
        jdbc.batch("INSERT INTO ledger_stock_balance (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", inserts,
                (ps, b) -> {
                    bindKey(ps, b.key(), 1);
                    ps.setBigDecimal(6, b.quantity());
                    Columns.setInstant(ps, 7, b.receivedAt());
                });
        List<Map.Entry<PlantItem, Total>> changedTotals = totals.entrySet().stream()
                .filter(e -> e.getValue().current.compareTo(e.getValue().stored) != 0).toList();
        jdbc.batch("UPDATE ledger_plant_stock SET quantity = ? WHERE plant = ? AND item = ?", changedTotals,
                (ps, e) -> {
                    ps.setBigDecimal(1, e.getValue().current);
                    ps.setString(2, e.getKey().plant());
                    ps.setString(3, e.getKey().item());
                });
        balances.flushed();
        changedTotals.forEach(e -> e.getValue().stored = e.getValue().current);
    }

    boolean hasChanges() {
        return balances.hasChanges()
                || totals.values().stream().anyMatch(t -> t.current.compareTo(t.stored) != 0);
    }

    private static void bindKey(java.sql.PreparedStatement ps, StockKey key, int first) throws SQLException {
        ps.setString(first, key.plant());
        ps.setString(first + 1, key.location());
        ps.setString(first + 2, key.item());
        ps.setString(first + 3, key.lot());
        ps.setString(first + 4, key.status().name());
    }
}
