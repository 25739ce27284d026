package io.millrace.intake;

import io.millrace.eventlog.Receipt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EventOrigins} in memory, for a hub or an edge store without a database. */
public final class InMemoryEventOrigins implements EventOrigins {

    private final Map<UUID, EventOrigin> origins = new ConcurrentHashMap<>();

    @Override
    public void record(List<Receipt> receipts, List<EventOrigin> given) {
        for (int i = 0; i < receipts.size(); i++) {
            if (given.get(i) != null) {
                origins.putIfAbsent(receipts.get(i).trackingId(), given.get(i));
            }
        }
    }

    @Override
    public Optional<EventOrigin> find(UUID trackingId) {
        return Optional.ofNullable(origins.get(trackingId));
    }
}
