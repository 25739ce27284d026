package io.millrace.masterdata;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Published (as a Spring application event) after master data was created or changed, by an
 * upsert on this hub instance or, detected through the version counter, on another one.
 * {@code codes} holds, per kind, the codes (order numbers, BOM parent items) that changed;
 * listeners retry the events that waited for them.
 */
public record MasterDataChanged(Map<MasterDataKind, Set<String>> codes) {

    public MasterDataChanged {
        EnumMap<MasterDataKind, Set<String>> copy = new EnumMap<>(MasterDataKind.class);
        codes.forEach((kind, set) -> {
            if (!set.isEmpty()) {
                copy.put(kind, Set.copyOf(set));
            }
        });
        codes = java.util.Collections.unmodifiableMap(copy);
    }

    public Set<MasterDataKind> kinds() {
        return codes.keySet();
    }

    public Set<String> codes(MasterDataKind kind) {
        return codes.getOrDefault(kind, Set.of());
    }

    public boolean touches(MasterDataKind kind, String code) {
        return codes(kind).contains(code);
    }

    public boolean isEmpty() {
        return codes.isEmpty();
    }
}
