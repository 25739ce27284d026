package io.millrace.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers stored credentials by key hash for a short while, so that a producer sending
 * thousands of requests does not cost a database lookup each. Bounded: when full it starts over.
 * A key revoked on this instance is forgotten at once; other instances see it within the TTL.
 * Expiry is checked on every request against the remembered expiry time.
 */
final class CallerCache {

    private record Entry(Credential credential, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;

    CallerCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    Optional<Credential> get(String keyHash, Function<String, Optional<Credential>> lookup) {
        long now = clock.millis();
        Entry entry = entries.get(keyHash);
        if (entry != null && entry.expiresAt() > now) {
            return Optional.of(entry.credential());
        }
        Optional<Credential> found = lookup.apply(keyHash);
        if (found.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(keyHash, new Entry(found.get(), now + ttlMillis));
        } else {
            entries.remove(keyHash);
        }
        return found;
    }

    void forget(String keyHash) {
        entries.remove(keyHash);
    }
}
