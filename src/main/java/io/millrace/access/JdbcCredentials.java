package io.millrace.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Credentials in the hub's database (tables {@code api_credential}, {@code api_credential_scope}). */
@Repository
class JdbcCredentials implements Credentials {

    private static final String COLUMNS = "key_id, key_hash, name, role, rate_per_second, created_at, expires_at, "
            + "revoked_at, revoked_by, replaced_by";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    JdbcCredentials(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Optional<Credential> findByKeyHash(String keyHash) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_credential WHERE key_hash = ?", this::credential, keyHash)
                .stream().findFirst();
    }

    @Override
    public Optional<Credential> findById(String keyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_credential WHERE key_id = ?", this::credential, keyId)
                .stream().findFirst();
    }

    @Override
    public List<Credential> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_credential ORDER BY created_at, key_id", this::credential);
    }

    private Credential credential(ResultSet rs, int n) throws SQLException {
        String keyId = rs.getString(1);
        Object rate = rs.getObject(5);
        return new Credential(keyId, rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)), scopeOf(keyId),
                rate == null ? null : ((Number) rate).intValue(), instant(rs, 6), instant(rs, 7), instant(rs, 8),
                rs.getString(9), rs.getString(10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private Scope scopeOf(String keyId) {
        Set<String> sources = new HashSet<>();
        Set<String> plants = new HashSet<>();
        Set<String> types = new HashSet<>();
        jdbc.query("SELECT kind, scope_value FROM api_credential_scope WHERE key_id = ?", rs -> {
            switch (rs.getString(1)) {
                case "SOURCE" -> sources.add(rs.getString(2));
                case "PLANT" -> plants.add(rs.getString(2));
                default -> types.add(rs.getString(2));
            }
        }, keyId);
        return new Scope(sources, plants, types);
    }

    @Override
    public boolean add(Credential c) {
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO api_credential (key_id, key_hash, name, role, rate_per_second, created_at, "
                                + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", c.keyId(), c.keyHash(), c.name(),
                        c.role().name(), c.ratePerSecond(), c.createdAt().atOffset(ZoneOffset.UTC),
                        c.expiresAt() == null ? null : c.expiresAt().atOffset(ZoneOffset.UTC));
                List<Object[]> rows = new ArrayList<>();
                c.scope().sources().forEach(v -> rows.add(new Object[] {c.keyId(), "SOURCE", v}));
                c.scope().plants().forEach(v -> rows.add(new Object[] {c.keyId(), "PLANT", v}));
                c.scope().eventTypes().forEach(v -> rows.add(new Object[] {c.keyId(), "EVENT_TYPE", v}));
                jdbc.batchUpdate("INSERT INTO api_credential_scope (key_id, kind, scope_value) VALUES (?, ?, ?)", rows);
            });
            return true;
        } catch (DuplicateKeyException ex) {
            return false;
        }
    }

    @Override
    public boolean revoke(String keyId, Instant at, String by) {
        return jdbc.update("UPDATE api_credential SET revoked_at = ?, revoked_by = ? WHERE key_id = ? "
                + "AND revoked_at IS NULL", at.atOffset(ZoneOffset.UTC), by, keyId) == 1;
    }

    @Override
    public void retire(String keyId, Instant expiresAt, String replacedBy) {
        jdbc.update("UPDATE api_credential SET expires_at = ?, replaced_by = ? WHERE key_id = ?",
                expiresAt.atOffset(ZoneOffset.UTC), replacedBy, keyId);
    }
}
