package io.millrace.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC shapes the unit of work uses, with SQL errors turned into {@link BooksStorageException}. */
final class Jdbc {

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface BatchItem<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private final Connection connection;

    Jdbc(Connection connection) {
        this.connection = connection;
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException ex) {
            throw new BooksStorageException("reading the books failed", ex);
        }
    }

    /** Hands the whole result set to {@code extractor}, which calls {@code next()} itself. */
    <T> T extract(String sql, Binder binder, RowMapper<T> extractor) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return extractor.map(rs);
            }
        } catch (SQLException ex) {
            throw new BooksStorageException("reading the books failed", ex);
        }
    }

    <T> Optional<T> single(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    int update(String sql, Binder binder) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException ex) {
            throw new BooksStorageException("writing the books failed", ex);
        }
    }

    /** Runs one statement for every item as a JDBC batch; nothing happens for no items. */
    <T> void batch(String sql, Iterable<T> items, BatchItem<T> binder) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int count = 0;
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
                count++;
            }
            if (count > 0) {
                ps.executeBatch();
            }
        } catch (SQLException ex) {
            throw new BooksStorageException("writing the books failed", ex);
        }
    }
}
