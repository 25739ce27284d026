package io.millrace.ledger;

import io.millrace.accounting.books.AccountingPeriods;
import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.InventoryBalances;
import io.millrace.accounting.books.JournalEntries;
import io.millrace.accounting.books.ProductionOrders;
import io.millrace.accounting.books.PurchaseOrderLines;
import io.millrace.accounting.books.ReceiptLots;
import io.millrace.accounting.books.SalesOrderLines;
import io.millrace.accounting.books.TransfersInTransit;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The books in one database transaction, for any number of events (a micro-batch). Each key is
 * read from the database on first use, locked for the rest of the transaction (ADR 0003) and
 * cached; writes are buffered, so later events of the same unit see them, and go to the database
 * in JDBC batches at {@link #flush()}. The caller owns the connection and its transaction: it
 * flushes, then commits; on any exception it rolls back and discards the unit.
 *
 * <p>A unit is not thread-safe and must not outlive its transaction.
 */
public final class UnitOfWork implements Books {

    private final UnitJournal journal;
    private final UnitInventory inventory;
    private final UnitOrders orders;
    private final UnitOrderLines orderLines;
    private final PurchaseOrderLines purchaseOrderLines;
    private final SalesOrderLines salesOrderLines;
    private final UnitReceiptLots receiptLots;
    private final UnitPeriods periods;
    private final UnitTransfersInTransit transfersInTransit;
    private boolean broken;

    private UnitOfWork(Connection connection) {
        Jdbc jdbc = new Jdbc(connection);
        journal = new UnitJournal(jdbc);
        inventory = new UnitInventory(jdbc);
        orders = new UnitOrders(jdbc);
        orderLines = new UnitOrderLines(jdbc);
        purchaseOrderLines = orderLines.purchaseOrderLines();
        salesOrderLines = orderLines.salesOrderLines();
        receiptLots = new UnitReceiptLots(jdbc);
        periods = new UnitPeriods(jdbc);
        transfersInTransit = new UnitTransfersInTransit(jdbc);
    }

    /**
     * A unit of work on a connection inside a transaction (auto-commit off: row locks last until
     * the caller commits or rolls back).
     */
    public static UnitOfWork begin(Connection connection) {
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalArgumentException("a unit of work needs a transaction: auto-commit is on");
            }
        } catch (SQLException ex) {
            throw new BooksStorageException("cannot use the connection", ex);
        }
        return new UnitOfWork(connection);
    }

    /**
     * Writes every buffered change: stock, orders, order lines, receipt lots, closed periods, transfers in transit and
     * journal entries, each table with batch statements. The unit stays usable afterwards (the
     * database now holds what it holds); after a failed flush it refuses further use.
     */
    public void flush() {
        if (broken) {
            throw new IllegalStateException("a flush of this unit of work failed: roll back and start a new one");
        }
        try {
            inventory.flush();
            orders.flush();
            orderLines.flush();
            receiptLots.flush();
            periods.flush();
            transfersInTransit.flush();
            journal.flush();
        } catch (RuntimeException ex) {
            broken = true;
            throw ex;
        }
    }

    /** Whether anything is buffered that {@link #flush()} would write. */
    public boolean hasPendingWrites() {
        return journal.hasChanges() || inventory.hasChanges() || orders.hasChanges() || orderLines.hasChanges()
                || receiptLots.hasChanges() || periods.hasChanges() || transfersInTransit.hasChanges();
    }

    @Override
    public JournalEntries journal() {
        return journal;
    }

    @Override
    public InventoryBalances inventory() {
        return inventory;
    }

    @Override
    public ProductionOrders orders() {
        return orders;
    }

    @Override
    public PurchaseOrderLines purchaseOrderLines() {
        return purchaseOrderLines;
    }

    @Override
    public ReceiptLots receiptLots() {
        return receiptLots;
    }

    @Override
    public SalesOrderLines salesOrderLines() {
        return salesOrderLines;
    }

    @Override
    public AccountingPeriods periods() {
        return periods;
    }

    @Override
    public TransfersInTransit transfersInTransit() {
        return transfersInTransit;
    }
}
