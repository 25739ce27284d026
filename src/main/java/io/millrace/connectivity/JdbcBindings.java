package io.millrace.connectivity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Bindings} in the hub's database (table {@code binding_version}). */
final class JdbcBindings implements Bindings {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    JdbcBindings(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public int save(String name, BindingDefinition definition, Instant at, String actor) {
        return tx.execute(status -> {
            int version = lastVersion(name) + 1;
            jdbc.update("INSERT INTO binding_version (name, version, definition, deleted, changed_at, changed_by) "
                    + "VALUES (?, ?, ?, FALSE, ?, ?)", name, version, BindingJson.write(definition).toString(),
                    Timestamp.from(at), actor);
            return version;
        });
    }

    @Override
    public boolean delete(String name, Instant at, String actor) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            List<Boolean> last = jdbc.queryForList("SELECT deleted FROM binding_version WHERE name = ? "
                    + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", Boolean.class, name);
            if (last.isEmpty() || last.get(0)) {
                return false;
            }
            jdbc.update("INSERT INTO binding_version (name, version, definition, deleted, changed_at, changed_by) "
                    + "VALUES (?, ?, '', TRUE, ?, ?)", name, lastVersion(name) + 1, Timestamp.from(at), actor);
            return true;
        }));
    }

    private int lastVersion(String name) {
        Integer last = jdbc.queryForObject("SELECT MAX(version) FROM binding_version WHERE name = ?", Integer.class, name);
        return last == null ? 0 : last;
    }

    @Override
    public List<StoredVersion> live() {
        return jdbc.query("SELECT b.name, b.version, b.definition, b.changed_at, b.changed_by FROM binding_version b "
                + "WHERE b.deleted = FALSE AND b.version = (SELECT MAX(v.version) FROM binding_version v "
                + "WHERE v.name = b.name) ORDER BY b.name", (rs, n) -> new StoredVersion(rs.getString(1), rs.getInt(2),
                BindingJson.read(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getString(5)));
    }

    @Override
    public long changeToken() {
        Long token = jdbc.queryForObject("SELECT COUNT(*) FROM binding_version", Long.class);
        return token == null ? 0 : token;
    }
}
