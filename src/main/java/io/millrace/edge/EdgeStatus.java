package io.millrace.edge;

import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/v1/edge/status}: the hub's reachability, the backlog of accepted events not yet
 * at the hub and the oldest of them, what was forwarded and refused, and the catalog and key scope
 * the edge agent validates with.
 */
public record EdgeStatus(Hub hub, long accepted, long backlog, Oldest oldestUnsent, long forwarded,
                         long hubDuplicates, long rejected, CatalogInUse catalog, KeyInUse key) {

    /** {@code reachable}: the hub answered the last request with anything but a server error. */
    public record Hub(String url, boolean reachable, Instant lastAnswerAt, Instant lastFailureAt, String lastError) {
    }

    /** The oldest accepted event the hub does not have yet, and how long it has waited. */
    public record Oldest(long position, String trackingId, String source, String id, String type, String plant,
                         Instant acceptedAt, long waitingSeconds) {
    }

    /** {@code origin}: HUB, CACHE or BUILT_IN; {@code learnedAt}: when it came from the hub. */
    public record CatalogInUse(String origin, Instant learnedAt, int types) {
    }

    /** The scope of the key as the hub described it; {@code scopeKnown} false: the hub decides on arrival. */
    public record KeyInUse(boolean scopeKnown, String keyId, Set<String> sources, Set<String> plants,
                           Set<String> eventTypes) {
    }
}
