package io.millrace.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rows of one table read by primary key with {@code SELECT ... FOR UPDATE} on first use, cached
 * for the rest of the unit of work, and written at flush: a JDBC batch of inserts for new rows and
 * one of updates for rows that were read and changed.
 */
final class LockedRows<K, V> {

    private final Jdbc jdbc;
    private final String selectForUpdate;
    private final Jdbc.BatchItem<K> bindKey;
    private final Jdbc.RowMapper<V> mapper;
    private final String insert;
    private final String update;
    private final Jdbc.BatchItem<V> bindInsert;
    private final Jdbc.BatchItem<V> bindUpdate;
    private final TrackedRows<K, V> rows = new TrackedRows<>();

    LockedRows(Jdbc jdbc, String selectForUpdate, Jdbc.BatchItem<K> bindKey, Jdbc.RowMapper<V> mapper,
               String insert, Jdbc.BatchItem<V> bindInsert, String update, Jdbc.BatchItem<V> bindUpdate) {
        this.jdbc = jdbc;
        this.selectForUpdate = selectForUpdate;
        this.bindKey = bindKey;
        this.mapper = mapper;
        this.insert = insert;
        this.bindInsert = bindInsert;
        this.update = update;
        this.bindUpdate = bindUpdate;
    }

    Optional<V> find(K key) {
        if (!rows.isKnown(key)) {
            rows.loaded(key, jdbc.single(selectForUpdate, ps -> bindKey.bind(ps, key), mapper).orElse(null));
        }
        return rows.current(key);
    }

    void save(K key, V value) {
        find(key);
        rows.put(key, value);
    }

    /** Every row: the stored ones (as read by {@code selectAll}) with this unit's changes over them. */
    List<V> all(String selectAll, Function<V, K> keyOf) {
        Map<K, V> merged = new LinkedHashMap<>();
        jdbc.query(selectAll, ps -> { }, mapper).forEach(v -> merged.put(keyOf.apply(v), v));
        for (Map.Entry<K, TrackedRows.Tracked<V>> e : rows.entries()) {
            V current = e.getValue().current();
            if (current == null) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), current);
            }
        }
        return List.copyOf(merged.values());
    }

    void flush() {
        List<V> inserts = new ArrayList<>();
        List<V> updates = new ArrayList<>();
        rows.changes((k, v) -> inserts.add(v), (k, v) -> updates.add(v), (k, v) -> {
            throw new IllegalStateException("rows of " + insert + " are never deleted");
        });
        jdbc.batch(insert, inserts, bindInsert);
        jdbc.batch(update, updates, bindUpdate);
        rows.flushed();
    }

    boolean hasChanges() {
        return rows.hasChanges();
    }
}
