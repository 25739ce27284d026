package io.millrace.ledger;

import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.ReceiptLots;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receipt lots of a unit of work. All receipts of one item and lot are read (and locked) together
 * on first use, since the engine always asks for them as a group.
 */
final class UnitReceiptLots implements ReceiptLots {

    private static final String COLUMNS = "purchase_order, line, item, lot, plant, unit_price, received, returned, "
            + "received_at";

    private record ItemLot(String item, String lot) {
    }

    private record ReceiptKey(String purchaseOrder, int line, String item, String lot) {
        static ReceiptKey of(ReceiptLot r) {
            return new ReceiptKey(r.purchaseOrder(), r.line(), r.item(), r.lot());
        }
    }

    private final Jdbc jdbc;
    private final TrackedRows<ReceiptKey, ReceiptLot> rows = new TrackedRows<>();
    private final Set<ItemLot> loaded = new HashSet<>();

    UnitReceiptLots(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private void load(String item, String lot) {
        if (loaded.add(new ItemLot(item, lot))) {
            jdbc.query("SELECT " + COLUMNS + " FROM ledger_receipt_lot WHERE item = ? AND lot = ? FOR UPDATE", ps -> {
                ps.setString(1, item);
                ps.setString(2, lot);
            }, UnitReceiptLots::receipt).forEach(r -> rows.loaded(ReceiptKey.of(r), r));
        }
    }

    @Override
    public List<ReceiptLot> forLot(String item, String lot) {
        load(item, lot);
        return rows.currentValues().stream().filter(r -> r.item().equals(item) && r.lot().equals(lot))
                .sorted(Comparator.comparing(ReceiptLot::receivedAt)).toList();
    }

    @Override
    public void save(ReceiptLot receipt) {
        load(receipt.item(), receipt.lot());
        ReceiptKey key = ReceiptKey.of(receipt);
        rows.loaded(key, null);
        rows.put(key, receipt);
    }

    @Override
    public List<ReceiptLot> all() {
        Map<ReceiptKey, ReceiptLot> merged = new LinkedHashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM ledger_receipt_lot ORDER BY received_at, purchase_order, line",
                ps -> { }, UnitReceiptLots::receipt).forEach(r -> merged.put(ReceiptKey.of(r), r));
        rows.currentValues().forEach(r -> merged.put(ReceiptKey.of(r), r));
        return List.copyOf(merged.values());
    }

    void flush() {
        List<ReceiptLot> inserts = new ArrayList<>();
        List<ReceiptLot> updates = new ArrayList<>();
        rows.changes((k, v) -> inserts.add(v), (k, v) -> updates.add(v), (k, v) -> {
            throw new IllegalStateException("receipt lots are never deleted");
        });
        jdbc.batch("INSERT INTO ledger_receipt_lot (plant, unit_price, received, returned, received_at, "
                + "purchase_order, line, item, lot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts, UnitReceiptLots::bind);
        jdbc.batch("UPDATE ledger_receipt_lot SET plant = ?, unit_price = ?, received = ?, returned = ?, "
                + "received_at = ? WHERE purchase_order = ? AND line = ? AND item = ? AND lot = ?", updates,
                UnitReceiptLots::bind);
        rows.flushed();
    }

    boolean hasChanges() {
        return rows.hasChanges();
    }

    private static ReceiptLot receipt(ResultSet rs) throws SQLException {
        return new ReceiptLot(rs.getString("purchase_order"), rs.getInt("line"), rs.getString("plant"),
                rs.getString("item"), rs.getString("lot"), Columns.quantity(rs, "unit_price"),
                Columns.quantity(rs, "received"), Columns.quantity(rs, "returned"), Columns.instant(rs, "received_at"));
    }

    private static void bind(PreparedStatement ps, ReceiptLot r) throws SQLException {
        ps.setString(1, r.plant());
        ps.setBigDecimal(2, r.unitPrice());
        ps.setBigDecimal(3, r.received());
        ps.setBigDecimal(4, r.returned());
        Columns.setInstant(ps, 5, r.receivedAt());
        ps.setString(6, r.purchaseOrder());
        ps.setInt(7, r.line());
        ps.setString(8, r.item());
        ps.setString(9, r.lot());
    }
}
