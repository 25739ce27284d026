package io.millrace.access;

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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    JdbcCredentials(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Optional<Credential> findByKeyHash(String keyHash) {
        List<Credential> found = jdbc.query(
                "SELECT key_id, name, role, rate_per_second, created_at FROM api_credential WHERE key_hash = ?",
                (rs, n) -> {
                    String keyId = rs.getString(1);
                    Object rate = rs.getObject(4);
                    return new Credential(keyId, keyHash, rs.getString(2), Role.valueOf(rs.getString(3)),
                            scopeOf(keyId), rate == null ? null : ((Number) rate).intValue(),
                            rs.getObject(5, java.time.OffsetDateTime.class).toInstant());
                }, keyHash);
        return found.stream().findFirst();
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
                jdbc.update("INSERT INTO api_credential (key_id, key_hash, name, role, rate_per_second, created_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?)", c.keyId(), c.keyHash(), c.name(), c.role().name(),
                        c.ratePerSecond(), c.createdAt().atOffset(ZoneOffset.UTC));
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
}
