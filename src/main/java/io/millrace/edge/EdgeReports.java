package io.millrace.edge;

import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads the edge agent's state for the status endpoint and the launcher's status line. */
public final class EdgeReports {

    private final EventLog events;
    private final ForwardingStore store;
    private final HubContact contact;
    private final EdgeCatalog catalog;
    private final HubKey key;
    private final URI hub;
    private final Clock clock;

    EdgeReports(EventLog events, ForwardingStore store, HubContact contact, EdgeCatalog catalog, HubKey key, URI hub,
                Clock clock) {
        this.events = events;
        this.store = store;
        this.contact = contact;
        this.catalog = catalog;
        this.key = key;
        this.hub = hub;
        this.clock = clock;
    }

    public EdgeStatus status() {
        // the cursor first: an event forwarded between the two reads is then counted once, as forwarded
        long cursor = store.cursor();
        Backlog counts = events.backlog();
        List<LoggedEvent> next = events.readAfter(cursor, 1);
        EdgeStatus.Oldest oldest = next.isEmpty() ? null : oldest(next.get(0));
        HubContact.View seen = contact.view();
        EdgeCatalog.Snapshot inUse = catalog.snapshot();
        EdgeStatus.KeyInUse keyInUse = key.known()
                .map(k -> new EdgeStatus.KeyInUse(true, k.keyId(), k.scope().sources(), k.scope().plants(),
                        k.scope().eventTypes()))
                .orElse(new EdgeStatus.KeyInUse(false, null, null, null, null));
        return new EdgeStatus(
                new EdgeStatus.Hub(hub.toString(), seen.reachable(), seen.lastAnswerAt(), seen.lastFailureAt(),
                        seen.lastError()),
                counts.pending() + counts.posted() + counts.exceptions() + counts.parked(), counts.pending(), oldest,
                counts.posted(), store.hubDuplicates(), counts.exceptions(),
                new EdgeStatus.CatalogInUse(inUse.origin().name(), inUse.learnedAt(), inUse.catalog().types().size()),
                keyInUse);
    }

    List<ForwardingStore.Rejected> rejected(long after, int limit) {
        return store.rejectedAfter(after, limit);
    }

    List<LoggedEvent> events(List<java.util.UUID> trackingIds) {
        return events.findAll(trackingIds);
    }

    private EdgeStatus.Oldest oldest(LoggedEvent e) {
        Instant now = clock.instant();
        return new EdgeStatus.Oldest(e.position(), e.trackingId().toString(), e.source(), e.id(), e.type(), e.plant(),
                e.acceptedAt(), Math.max(0, Duration.between(e.acceptedAt(), now).toSeconds()));
    }
}
