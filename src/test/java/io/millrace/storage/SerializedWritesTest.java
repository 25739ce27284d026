package io.millrace.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerializedWritesTest {

    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private SerializedWrites dataSource;
    private Connection keepAlive;

    @BeforeEach
    void createTable() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(DatabaseUrls.inMemory("w" + UUID.randomUUID().toString().replace("-", "")));
        keepAlive = h2.getConnection();
        dataSource = new SerializedWrites(h2);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, qty INT)");
            s.execute("INSERT INTO item VALUES (1, 10)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        other.shutdownNow();
        keepAlive.close();
    }

    @Test
    void aSecondWriteTransactionWaitsUntilTheFirstCommits() throws Exception {
        try (Connection first = transaction()) {
            update(first, 11);
            CompletableFuture<Void> second = onOtherThread(() -> {
                try (Connection c = transaction(); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO item VALUES (2, 12)"); // another row: H2 itself would not wait
                    c.commit();
                }
            });
            assertThat(waitBriefly(second)).as("second writer ran while the first was open").isFalse();
            first.commit();
            second.get(10, TimeUnit.SECONDS);
        }
        assertThat(qty()).isEqualTo(11);
        assertThat(dataSource.writing()).isFalse();
        assertThat(dataSource.waits()).isEqualTo(1);
        assertThat(dataSource.waitedNanos()).isPositive();
    }

    @Test
    void readsDoNotWaitForAnOpenWriteTransaction() throws Exception {
        try (Connection writer = transaction()) {
            update(writer, 11);
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return qty();
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }, other);
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(10);
            writer.rollback();
        }
    }

    @Test
    void rollbackAndCloseGiveTheTurnBack() throws Exception {
        try (Connection c = transaction()) {
            update(c, 11);
            assertThat(dataSource.writing()).isTrue();
            c.rollback();
            assertThat(dataSource.writing()).isFalse();
            update(c, 13);
            assertThat(dataSource.writing()).isTrue();
        }
        assertThat(dataSource.writing()).isFalse();
        assertThat(qty()).isEqualTo(10);
    }

    @Test
    void anAutoCommitStatementHoldsTheTurnOnlyWhileItRuns() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            update(c, 14);
            assertThat(dataSource.writing()).isFalse();
        }
        assertThat(qty()).isEqualTo(14);
    }

    @Test
    void lockingRowsForUpdateTakesTheTurn() throws Exception {
        try (Connection c = transaction();
                PreparedStatement lock = c.prepareStatement("SELECT qty FROM item WHERE id = 1 FOR UPDATE");
                ResultSet rs = lock.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(dataSource.writing()).isTrue();
            c.commit();
        }
        assertThat(dataSource.writing()).isFalse();
    }

    @Test
    void aThreadHoldingTheTurnCanOpenANestedWriteTransaction() throws Exception {
        try (Connection outer = transaction()) {
            update(outer, 11);
            try (Connection inner = transaction(); Statement s = inner.createStatement()) {
                s.executeUpdate("INSERT INTO item VALUES (2, 5)");
                inner.commit();
            }
            assertThat(dataSource.writing()).isTrue();
            outer.commit();
        }
        assertThat(dataSource.writing()).isFalse();
    }

    @Test
    void aConnectionEqualsOnlyItselfSoTransactionManagersRecogniseIt() throws Exception {
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            assertThat(a).isEqualTo(a).isNotEqualTo(b);
            assertThat(a.hashCode()).isEqualTo(a.hashCode());
        }
    }

    @Test
    void aBatchOfPlainStatementsTakesTheTurnWhenOneWrites() throws Exception {
        try (Connection c = transaction(); Statement s = c.createStatement()) {
            s.addBatch("UPDATE item SET qty = 20 WHERE id = 1");
            s.executeBatch();
            assertThat(dataSource.writing()).isTrue();
            assertThat(s.getConnection()).isSameAs(c);
            c.commit();
        }
        assertThat(qty()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO item VALUES (3, 1)", "  update item set qty = 1", "DELETE FROM item",
        "MERGE INTO item KEY (id) VALUES (1, 1)", "SELECT * FROM item FOR UPDATE",
        "SELECT qty FROM item WHERE id = ?\nFOR UPDATE",
        "select qty from item\twhere id = 1\r\n  for   update", "CREATE TABLE x (a INT)", "(SELECT 1) FOR UPDATE",
        "SELECT NEXT VALUE FOR s", "WITH d AS (DELETE FROM item RETURNING id) SELECT * FROM d"})
    void statementsThatMayChangeDataNeedTheTurn(String sql) {
        assertThat(SerializedWrites.mayWrite(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT qty FROM item WHERE id = ?", "  select count(*) from item",
        "WITH t AS (SELECT 1 AS a) SELECT a FROM t", "VALUES (1)", "SELECT\n  qty\nFROM item"})
    void plainQueriesDoNotNeedTheTurn(String sql) {
        assertThat(SerializedWrites.mayWrite(sql)).isFalse();
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static void update(Connection c, int qty) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE item SET qty = ? WHERE id = 1")) {
            p.setInt(1, qty);
            p.executeUpdate();
        }
    }

    private int qty() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT qty FROM item WHERE id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private CompletableFuture<Void> onOtherThread(SqlWork work) {
        return CompletableFuture.runAsync(() -> {
            try {
                work.run();
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }, other);
    }

    /** Gives a waiting writer time to run; returns whether it finished. */
    private static boolean waitBriefly(CompletableFuture<?> future) throws Exception {
        try {
            future.get(300, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException ex) {
            return false;
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }
}
