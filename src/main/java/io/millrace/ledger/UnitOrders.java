package io.millrace.ledger;

import io.millrace.accounting.books.OrderStatus;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.ProductionOrders;
import io.millrace.accounting.master.BomComponent;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Production orders of a unit of work, locked on first read; the BOM snapshot is a compact text column. */
final class UnitOrders implements ProductionOrders {

    private static final String COLUMNS = "order_id, plant, item, quantity, uom, status, released_at, closed_at, "
            + "variance, bom, finished_standard_cost, wip_balance, completed_quantity, scrapped_quantity";

    private final LockedRows<String, ProductionOrder> rows;

    UnitOrders(Jdbc jdbc) {
        rows = new LockedRows<>(jdbc,
                "SELECT " + COLUMNS + " FROM ledger_production_order WHERE order_id = ? FOR UPDATE",
                (ps, id) -> ps.setString(1, id), UnitOrders::order,
                "INSERT INTO ledger_production_order (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UnitOrders::bindInsert,
                "UPDATE ledger_production_order SET plant = ?, item = ?, quantity = ?, uom = ?, status = ?, "
                        + "released_at = ?, closed_at = ?, variance = ?, bom = ?, finished_standard_cost = ?, "
                        + "wip_balance = ?, completed_quantity = ?, scrapped_quantity = ? WHERE order_id = ?",
                UnitOrders::bindUpdate);
    }

    @Override
    public Optional<ProductionOrder> find(String orderId) {
        return rows.find(orderId);
    }

    @Override
    public void save(ProductionOrder order) {
        rows.save(order.orderId(), order);
    }

    @Override
    public List<ProductionOrder> all() {
        return rows.all("SELECT " + COLUMNS + " FROM ledger_production_order ORDER BY order_id",
                ProductionOrder::orderId);
    }

    void flush() {
        rows.flush();
    }

    boolean hasChanges() {
        return rows.hasChanges();
    }

    static ProductionOrder order(ResultSet rs) throws SQLException {
        Instant releasedAt = Columns.instant(rs, "released_at");
        OrderStatus status = "CLOSED".equals(rs.getString("status"))
                ? new OrderStatus.Closed(releasedAt, Columns.instant(rs, "closed_at"), rs.getBigDecimal("variance"))
                : new OrderStatus.Released(releasedAt);
        return new ProductionOrder(rs.getString("order_id"), rs.getString("plant"), rs.getString("item"),
                Columns.quantity(rs, "quantity"), rs.getString("uom"), status, bom(rs.getString("bom")),
                Columns.quantity(rs, "finished_standard_cost"), rs.getBigDecimal("wip_balance"),
                Columns.quantity(rs, "completed_quantity"), Columns.quantity(rs, "scrapped_quantity"));
    }

    /** "ITEM=qty;ITEM=qty": item codes never contain '=' or ';' (events.md). */
    static String bomText(List<BomComponent> bom) {
        return bom.stream().map(c -> c.item() + "=" + c.quantityPer().toPlainString()).collect(Collectors.joining(";"));
    }

    static List<BomComponent> bom(String text) {
        List<BomComponent> components = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return components;
        }
        for (String part : text.split(";")) {
            int eq = part.lastIndexOf('=');
            components.add(new BomComponent(part.substring(0, eq), Columns.plain(new BigDecimal(part.substring(eq + 1)))));
        }
        return components;
    }

    private static void bindInsert(PreparedStatement ps, ProductionOrder o) throws SQLException {
        ps.setString(1, o.orderId());
        bindColumns(ps, o, 2);
    }

    private static void bindUpdate(PreparedStatement ps, ProductionOrder o) throws SQLException {
        bindColumns(ps, o, 1);
        ps.setString(14, o.orderId());
    }

    private static void bindColumns(PreparedStatement ps, ProductionOrder o, int first) throws SQLException {
        int i = first;
        ps.setString(i++, o.plant());
        ps.setString(i++, o.item());
        ps.setBigDecimal(i++, o.quantity());
        ps.setString(i++, o.uom());
        ps.setString(i++, o.status().name());
        if (o.status() instanceof OrderStatus.Closed closed) {
            Columns.setInstant(ps, i++, closed.releasedAt());
            Columns.setInstant(ps, i++, closed.closedAt());
            ps.setBigDecimal(i++, closed.variance());
        } else {
            Columns.setInstant(ps, i++, ((OrderStatus.Released) o.status()).releasedAt());
            Columns.setInstant(ps, i++, null);
            ps.setBigDecimal(i++, null);
        }
        ps.setString(i++, bomText(o.bom()));
        ps.setBigDecimal(i++, o.finishedStandardCost());
        ps.setBigDecimal(i++, o.wipBalance());
        ps.setBigDecimal(i++, o.completedQuantity());
        ps.setBigDecimal(i, o.scrappedQuantity());
    }
}
