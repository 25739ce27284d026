package io.millrace.connectivity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link Bindings} in memory, for tests that run intake without a database. */
public final class InMemoryBindings implements Bindings {

    private final Map<String, List<StoredVersion>> versions = new TreeMap<>();
    private long changes;

    @Override
    public synchronized int save(String name, BindingDefinition definition, Instant at, String actor) {
        List<StoredVersion> history = versions.computeIfAbsent(name, n -> new ArrayList<>());
        int version = history.size() + 1;
        history.add(new StoredVersion(name, version, definition, at, actor));
        changes++;
        return version;
    }

    @Override
    public synchronized boolean delete(String name, Instant at, String actor) {
        List<StoredVersion> history = versions.get(name);
        if (history == null || history.get(history.size() - 1).deleted()) {
            return false;
        }
        history.add(new StoredVersion(name, history.size() + 1, null, at, actor));
        changes++;
        return true;
    }

    @Override
    public synchronized List<StoredVersion> live() {
        return versions.values().stream().map(h -> h.get(h.size() - 1)).filter(v -> !v.deleted())
                .sorted(Comparator.comparing(StoredVersion::name)).toList();
    }

    @Override
    public synchronized long changeToken() {
        return changes;
    }
}
