package io.millrace.ledger;

import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.books.TransfersInTransit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transfers in transit of a unit of work. A shipment is a new row (its key is the shipping event's
 * tracking id, so no one else can have read it); a receipt reads the row with a lock and deletes it.
 */
final class UnitTransfersInTransit implements TransfersInTransit {

    static final String COLUMNS = "transfer_tracking_id, transfer_id, from_plant, to_plant, item, lot, "
            + "quantity, to_location, transit_value, stock_since, shipped_at";

    private final Jdbc jdbc;
    private final TrackedRows<String, TransferInTransit> rows = new TrackedRows<>();

    UnitTransfersInTransit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TransferInTransit> find(String transferTrackingId) {
        if (!rows.isKnown(transferTrackingId)) {
            rows.loaded(transferTrackingId, jdbc.single("SELECT " + COLUMNS
                            + " FROM ledger_transfer_in_transit WHERE transfer_tracking_id = ? FOR UPDATE",
                    ps -> ps.setString(1, transferTrackingId), UnitTransfersInTransit::transfer).orElse(null));
        }
        return rows.current(transferTrackingId);
    }

    @Override
    public void ship(TransferInTransit transfer) {
        rows.loaded(transfer.transferTrackingId(), null);
        if (rows.current(transfer.transferTrackingId()).isPresent()) {
            throw new IllegalStateException("transfer " + transfer.transferTrackingId() + " is shipped already");
        }
        rows.put(transfer.transferTrackingId(), transfer);
    }

    @Override
    public void receive(String transferTrackingId) {
        find(transferTrackingId);
        rows.put(transferTrackingId, null);
    }

    @Override
    public List<TransferInTransit> all() {
        Map<String, TransferInTransit> merged = new LinkedHashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM ledger_transfer_in_transit", ps -> { },
                UnitTransfersInTransit::transfer).forEach(t -> merged.put(t.transferTrackingId(), t));
        for (Map.Entry<String, TrackedRows.Tracked<TransferInTransit>> e : rows.entries()) {
            TransferInTransit current = e.getValue().current();
            if (current == null) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), current);
            }
        }
        return merged.values().stream().sorted(Comparator.comparing(TransferInTransit::shippedAt)
                .thenComparing(TransferInTransit::transferTrackingId)).toList();
    }

    void flush() {
        List<TransferInTransit> shipped = new ArrayList<>();
        List<String> received = new ArrayList<>();
        rows.changes((k, v) -> shipped.add(v), (k, v) -> {
            throw new IllegalStateException("a transfer in transit is never changed, only shipped and received");
        }, (k, v) -> received.add(k));
        jdbc.batch("INSERT INTO ledger_transfer_in_transit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                shipped, UnitTransfersInTransit::bind);
        jdbc.batch("DELETE FROM ledger_transfer_in_transit WHERE transfer_tracking_id = ?", received,
                (ps, id) -> ps.setString(1, id));
        rows.flushed();
    }

    boolean hasChanges() {
        return rows.hasChanges();
    }

    /** A row of ledger_transfer_in_transit selected with {@link #COLUMNS}; the ledger's queries read it alike. */
    static TransferInTransit transfer(ResultSet rs) throws SQLException {
        return new TransferInTransit(rs.getString("transfer_tracking_id"), rs.getString("transfer_id"),
                rs.getString("from_plant"), rs.getString("to_plant"), rs.getString("item"), rs.getString("lot"),
                Columns.quantity(rs, "quantity"), rs.getString("to_location"), rs.getBigDecimal("transit_value"),
                Columns.instant(rs, "stock_since"), Columns.instant(rs, "shipped_at"));
    }

    private static void bind(PreparedStatement ps, TransferInTransit t) throws SQLException {
        ps.setString(1, t.transferTrackingId());
        ps.setString(2, t.transferId());
        ps.setString(3, t.fromPlant());
        ps.setString(4, t.toPlant());
        ps.setString(5, t.item());
        ps.setString(6, t.lot());
        ps.setBigDecimal(7, t.quantity());
        ps.setString(8, t.toLocation());
        ps.setBigDecimal(9, t.value());
        Columns.setInstant(ps, 10, t.stockSince());
        Columns.setInstant(ps, 11, t.shippedAt());
    }
}
