package io.millrace.connectivity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live bindings with their mappings compiled, read from {@link Bindings} at start, after every
 * change made here and whenever another instance changed them (checked by {@link #refresh()}).
 * Channels listen for changes to subscribe to new topics and leave old ones.
 */
public final class LiveBindings {

    private static final Logger log = LoggerFactory.getLogger(LiveBindings.class);

    private final Bindings store;
    private final List<Consumer<Collection<Binding>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Binding> current = Map.of();
    private volatile long token = -1;

    public LiveBindings(Bindings store) {
        this.store = store;
    }

    public Optional<Binding> find(String name) {
        return Optional.ofNullable(current.get(name));
    }

    public Collection<Binding> all() {
        return current.values();
    }

    public List<Binding> onChannel(BindingDefinition.Channel channel) {
        return current.values().stream().filter(b -> b.definition().channel() == channel).toList();
    }

    /** {@code listener} gets the live bindings now and after every change. */
    public void listen(Consumer<Collection<Binding>> listener) {
        listeners.add(listener);
        listener.accept(current.values());
    }

    /** Reloads when the store changed since the last load; answers whether it did. */
    public synchronized boolean refresh() {
        long now = store.changeToken();
        if (now == token) {
            return false;
        }
        Map<String, Binding> loaded = new TreeMap<>();
        for (Bindings.StoredVersion v : store.live()) {
            Binding known = current.get(v.name());
            if (known != null && known.version() == v.version()) {
                loaded.put(v.name(), known);
                continue;
            }
            try {
                loaded.put(v.name(), new Binding(v.name(), v.version(), v.definition(),
                        Mapping.compile(v.definition().mapping()), v.changedAt(), v.changedBy()));
            } catch (Mapping.MappingFailure ex) {
                log.warn("binding {} version {} is left out: {}", v.name(), v.version(), ex.getMessage());
            }
        }
        current = Map.copyOf(loaded);
        token = now;
        List<Binding> snapshot = new ArrayList<>(loaded.values());
        for (Consumer<Collection<Binding>> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException ex) {
                log.warn("a channel did not take the changed bindings: {}", ex.toString());
            }
        }
        return true;
    }
}
