package io.millrace.masterdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** What an upsert does to one kind: records to create, records to update, and how many are unchanged. */
record KindChanges<T>(List<T> created, List<T> updated, int unchanged) {

    static <T> KindChanges<T> between(List<Entry<T>> submitted, Map<String, T> stored, Function<T, String> key) {
        List<T> created = new ArrayList<>();
        List<T> updated = new ArrayList<>();
        int unchanged = 0;
        for (Entry<T> e : submitted) {
            T now = stored.get(key.apply(e.value()));
            if (now == null) {
                created.add(e.value());
            } else if (Objects.equals(now, e.value())) {
                unchanged++;
            } else {
                updated.add(e.value());
            }
        }
        return new KindChanges<>(created, updated, unchanged);
    }

    UpsertCounts counts() {
        return new UpsertCounts(created.size(), updated.size(), unchanged);
    }

    boolean changesAnything() {
        return !created.isEmpty() || !updated.isEmpty();
    }
}
