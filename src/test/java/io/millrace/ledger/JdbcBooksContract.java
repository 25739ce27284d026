package io.millrace.ledger;

import io.millrace.accounting.books.Books;
import io.millrace.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract over a {@link UnitOfWork} per transaction on a migrated database. */
abstract class JdbcBooksContract extends BooksContract {

    static final String[] TABLES = {"ledger_journal_line", "ledger_journal_entry", "ledger_stock_balance",
        "ledger_plant_stock", "ledger_production_order", "ledger_po_line", "ledger_receipt_lot", "ledger_so_line",
        "ledger_closed_period"};

    private static TestDatabase database;
    private Connection connection;
    private UnitOfWork unit;

    protected abstract TestDatabase.Kind kind();

    static synchronized TestDatabase database(TestDatabase.Kind kind) {
        if (database == null || database.kind() != kind) {
            if (database != null) {
                database.close();
            }
            database = TestDatabase.create(kind);
        }
        return database;
    }

    @AfterAll
    static synchronized void dropDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @BeforeEach
    void beginWithEmptyBooks() throws SQLException {
        connection = database(kind()).dataSource().getConnection();
        try (Statement s = connection.createStatement()) {
            for (String table : TABLES) {
                s.execute("DELETE FROM " + table);
            }
        }
        connection.setAutoCommit(false);
        unit = UnitOfWork.begin(connection);
    }

    @AfterEach
    void rollBack() throws SQLException {
        if (connection == null) {
            return; // the database was not reachable: the test was skipped before it began
        }
        connection.rollback();
        connection.setAutoCommit(true);
        connection.close();
    }

    @Override
    protected Books books() {
        return unit;
    }

    @Override
    protected void commit() {
        try {
            unit.flush();
            connection.commit();
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        } catch (RuntimeException ex) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is what the test sees
            }
            unit = UnitOfWork.begin(connection);
            throw ex;
        }
        unit = UnitOfWork.begin(connection);
    }
}
