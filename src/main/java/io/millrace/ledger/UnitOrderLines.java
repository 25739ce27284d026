package io.millrace.ledger;

import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.PurchaseOrderLines;
import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.books.SalesOrderLines;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Purchase and sales order line progress of a unit of work, each row locked on first read. */
final class UnitOrderLines {

    record LineKey(String order, int line) {
    }

    private final LockedRows<LineKey, PurchaseOrderLineProgress> purchase;
    private final LockedRows<LineKey, SalesOrderLineProgress> sales;

    UnitOrderLines(Jdbc jdbc) {
        purchase = new LockedRows<>(jdbc,
                "SELECT purchase_order, line, plant, item, unit_price, received, invoiced FROM ledger_po_line "
                        + "WHERE purchase_order = ? AND line = ? FOR UPDATE",
                (ps, k) -> {
                    ps.setString(1, k.order());
                    ps.setInt(2, k.line());
                }, UnitOrderLines::poLine,
                "INSERT INTO ledger_po_line (plant, item, unit_price, received, invoiced, purchase_order, line) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", UnitOrderLines::bindPoLine,
                "UPDATE ledger_po_line SET plant = ?, item = ?, unit_price = ?, received = ?, invoiced = ? "
                        + "WHERE purchase_order = ? AND line = ?", UnitOrderLines::bindPoLine);
        sales = new LockedRows<>(jdbc,
                "SELECT sales_order, line, shipped, billed FROM ledger_so_line WHERE sales_order = ? AND line = ? "
                        + "FOR UPDATE",
                (ps, k) -> {
                    ps.setString(1, k.order());
                    ps.setInt(2, k.line());
                }, UnitOrderLines::soLine,
                "INSERT INTO ledger_so_line (shipped, billed, sales_order, line) VALUES (?, ?, ?, ?)",
                UnitOrderLines::bindSoLine,
                "UPDATE ledger_so_line SET shipped = ?, billed = ? WHERE sales_order = ? AND line = ?",
                UnitOrderLines::bindSoLine);
    }

    PurchaseOrderLines purchaseOrderLines() {
        return new PurchaseOrderLines() {
            @Override
            public Optional<PurchaseOrderLineProgress> find(String purchaseOrder, int line) {
                return purchase.find(new LineKey(purchaseOrder, line));
            }

            @Override
            public void save(PurchaseOrderLineProgress progress) {
                purchase.save(new LineKey(progress.purchaseOrder(), progress.line()), progress);
            }

            @Override
            public List<PurchaseOrderLineProgress> all() {
                return purchase.all("SELECT purchase_order, line, plant, item, unit_price, received, invoiced "
                        + "FROM ledger_po_line ORDER BY purchase_order, line",
                        p -> new LineKey(p.purchaseOrder(), p.line()));
            }
        };
    }

    SalesOrderLines salesOrderLines() {
        return new SalesOrderLines() {
            @Override
            public Optional<SalesOrderLineProgress> find(String salesOrder, int line) {
                return sales.find(new LineKey(salesOrder, line));
            }

            @Override
            public void save(SalesOrderLineProgress progress) {
                sales.save(new LineKey(progress.salesOrder(), progress.line()), progress);
            }

            @Override
            public List<SalesOrderLineProgress> all() {
                return sales.all("SELECT sales_order, line, shipped, billed FROM ledger_so_line "
                        + "ORDER BY sales_order, line", s -> new LineKey(s.salesOrder(), s.line()));
            }
        };
    }

    void flush() {
        purchase.flush();
        sales.flush();
    }

    boolean hasChanges() {
        return purchase.hasChanges() || sales.hasChanges();
    }

    private static PurchaseOrderLineProgress poLine(ResultSet rs) throws SQLException {
        return new PurchaseOrderLineProgress(rs.getString("purchase_order"), rs.getInt("line"), rs.getString("plant"),
                rs.getString("item"), Columns.quantity(rs, "unit_price"), Columns.quantity(rs, "received"),
                Columns.quantity(rs, "invoiced"));
    }

    private static void bindPoLine(java.sql.PreparedStatement ps, PurchaseOrderLineProgress p) throws SQLException {
        ps.setString(1, p.plant());
        ps.setString(2, p.item());
        ps.setBigDecimal(3, p.unitPrice());
        ps.setBigDecimal(4, p.received());
        ps.setBigDecimal(5, p.invoiced());
        ps.setString(6, p.purchaseOrder());
        ps.setInt(7, p.line());
    }

    private static SalesOrderLineProgress soLine(ResultSet rs) throws SQLException {
        return new SalesOrderLineProgress(rs.getString("sales_order"), rs.getInt("line"),
                Columns.quantity(rs, "shipped"), rs.getBigDecimal("billed"));
    }

    private static void bindSoLine(java.sql.PreparedStatement ps, SalesOrderLineProgress s) throws SQLException {
        ps.setBigDecimal(1, s.shipped());
        ps.setBigDecimal(2, s.billed());
        ps.setString(3, s.salesOrder());
        ps.setInt(4, s.line());
    }
}
