package io.millrace.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The parked events of the hub, indexed by position, by ordering key and by what they wait for,
 * so that a posting finds the events it may unblock without scanning. It mirrors the
 * {@code pipeline_parked} table as of the last committed transaction of this instance; the
 * processor reloads it when a transaction rolls back or another instance committed.
 */
final class ParkedEvents {

    /** The dependency key a waiting event uses for an earlier event of its key. */
    static String done(UUID trackingId) {
        return "done:" + trackingId;
    }

    private final NavigableMap<Long, ParkedEvent> byPosition = new TreeMap<>();
    private final Map<UUID, ParkedEvent> byTrackingId = new HashMap<>();
    private final Map<String, TreeSet<Long>> byKey = new HashMap<>();
    private final Map<String, Set<Long>> byWaitingFor = new HashMap<>();

    int size() {
        return byPosition.size();
    }

    ParkedEvent get(UUID trackingId) {
        return byTrackingId.get(trackingId);
    }

    void put(ParkedEvent parked) {
        remove(parked.decoded().trackingId());
        long position = parked.position();
        byPosition.put(position, parked);
        byTrackingId.put(parked.decoded().trackingId(), parked);
        byKey.computeIfAbsent(parked.decoded().orderingKey(), k -> new TreeSet<>()).add(position);
        for (String key : parked.waitingFor()) {
            byWaitingFor.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(position);
        }
    }

    ParkedEvent remove(UUID trackingId) {
        ParkedEvent parked = byTrackingId.remove(trackingId);
        if (parked == null) {
            return null;
        }
        long position = parked.position();
        byPosition.remove(position);
        TreeSet<Long> ofKey = byKey.get(parked.decoded().orderingKey());
        ofKey.remove(position);
        if (ofKey.isEmpty()) {
            byKey.remove(parked.decoded().orderingKey());
        }
        for (String key : parked.waitingFor()) {
            Set<Long> waiting = byWaitingFor.get(key);
            waiting.remove(position);
            if (waiting.isEmpty()) {
                byWaitingFor.remove(key);
            }
        }
        return parked;
    }

    /** {@code done:} keys of the parked events of {@code key} accepted before {@code position}. */
    Set<String> parkedBefore(String key, long position) {
        TreeSet<Long> ofKey = byKey.get(key);
        if (ofKey == null) {
            return Set.of();
        }
        Set<String> earlier = new LinkedHashSet<>();
        for (long p : ofKey.headSet(position, false)) {
            earlier.add(done(byPosition.get(p).decoded().trackingId()));
        }
        return earlier;
    }

    /** Positions of the parked events waiting for any of {@code keys}. */
    Set<Long> waitingForAny(Collection<String> keys) {
        Set<Long> positions = new java.util.HashSet<>();
        for (String key : keys) {
            Set<Long> waiting = byWaitingFor.get(key);
            if (waiting != null) {
                positions.addAll(waiting);
            }
        }
        return positions;
    }

    ParkedEvent at(long position) {
        return byPosition.get(position);
    }

    /** All parked events in acceptance order. */
    List<ParkedEvent> inOrder() {
        return new ArrayList<>(byPosition.values());
    }

    /** Parked events first parked at or before {@code cutoff}, in acceptance order. */
    List<ParkedEvent> parkedAtOrBefore(Instant cutoff) {
        List<ParkedEvent> out = new ArrayList<>();
        for (ParkedEvent p : byPosition.values()) {
            if (!p.parkedAt().isAfter(cutoff)) {
                out.add(p);
            }
        }
        return out;
    }

    /** When the longest-waiting event was parked, null when none is. */
    Instant oldestParkedAt() {
        Instant oldest = null;
        for (ParkedEvent p : byPosition.values()) {
            if (oldest == null || p.parkedAt().isBefore(oldest)) {
                oldest = p.parkedAt();
            }
        }
        return oldest;
    }
}
