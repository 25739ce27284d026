package io.millrace.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Rows of one table as a unit of work knows them: what the database held when the row was first
 * read ({@code stored}, null for no row) and what it holds now in the unit ({@code current}, null
 * for no row). {@link #changes} tells what to insert, update and delete at flush.
 */
final class TrackedRows<K, V> {

    private final Map<K, Tracked<V>> rows = new LinkedHashMap<>();

    boolean isKnown(K key) {
        return rows.containsKey(key);
    }

    /** Records what the database holds for a key read for the first time; a known key is kept. */
    void loaded(K key, V stored) {
        rows.putIfAbsent(key, new Tracked<>(stored));
    }

    Optional<V> current(K key) {
        Tracked<V> row = rows.get(key);
        return row == null ? Optional.empty() : Optional.ofNullable(row.current);
    }

    /** Sets the value of a key that must have been loaded (null removes the row). */
    void put(K key, V value) {
        Tracked<V> row = rows.get(key);
        if (row == null) {
            throw new IllegalStateException("row " + key + " written before it was read");
        }
        row.current = value;
    }

    Iterable<Map.Entry<K, Tracked<V>>> entries() {
        return rows.entrySet();
    }

    /** Hands the pending inserts, updates and deletes to the writers. */
    void changes(BiConsumer<K, V> insert, BiConsumer<K, V> update, BiConsumer<K, V> delete) {
        for (Map.Entry<K, Tracked<V>> e : rows.entrySet()) {
            Tracked<V> row = e.getValue();
            if (row.stored == null && row.current != null) {
                insert.accept(e.getKey(), row.current);
            } else if (row.stored != null && row.current == null) {
                delete.accept(e.getKey(), row.stored);
            } else if (row.stored != null && !row.stored.equals(row.current)) {
                update.accept(e.getKey(), row.current);
            }
        }
    }

    boolean hasChanges() {
        return rows.values().stream().anyMatch(r -> r.stored == null ? r.current != null : !r.stored.equals(r.current));
    }

    /** After a successful flush the database holds what the unit holds. */
    void flushed() {
        rows.values().forEach(r -> r.stored = r.current);
    }

    List<V> currentValues() {
        List<V> values = new ArrayList<>();
        rows.values().forEach(r -> {
            if (r.current != null) {
                values.add(r.current);
            }
        });
        return values;
    }

    static final class Tracked<V> {
        private V stored;
        private V current;

        private Tracked(V stored) {
            this.stored = stored;
            this.current = stored;
        }

        V current() {
            return current;
        }
    }
}
