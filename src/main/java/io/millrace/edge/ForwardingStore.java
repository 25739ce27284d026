package io.millrace.edge;

import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.StateChange;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The forwarding cursor and the refused events, kept in the edge agent's own database. Each move of
 * the cursor commits together with the states of the events it passes ({@code POSTED}: the hub has
 * them; {@code EXCEPTION}: the hub refused them), and only if the cursor is still where the caller
 * read it, so a crash at any point leaves either the old cursor (the batch is sent again and the
 * hub answers duplicates) or the new one.
 */
final class ForwardingStore {

    /** One event the hub refused for good, with the hub's answer. */
    record Rejected(long position, UUID trackingId, int status, String problem, Instant rejectedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventLog log;
    private final Clock clock;

    ForwardingStore(JdbcTemplate jdbc, TransactionTemplate tx, EventLog log, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.log = log;
        this.clock = clock;
    }

    /** Every event up to this position is at the hub or refused by it. */
    long cursor() {
        return jdbc.queryForObject("SELECT last_position FROM edge_forwarding WHERE id = 1", Long.class);
    }

    long hubDuplicates() {
        return jdbc.queryForObject("SELECT hub_duplicates FROM edge_forwarding WHERE id = 1", Long.class);
    }

    /** The hub accepted {@code events} (the next ones after {@code from}), {@code duplicates} of them as resent. */
    void forwarded(long from, List<LoggedEvent> events, int duplicates) {
        tx.executeWithoutResult(status -> {
            move(from, events, duplicates);
            log.transition(events.stream()
                    .map(e -> new StateChange(e.trackingId(), EventState.PENDING, EventState.POSTED)).toList());
        });
    }

    /** The hub refused {@code event} (the next one after {@code from}) for good with this answer. */
    void rejected(long from, LoggedEvent event, int status, String problem) {
        tx.executeWithoutResult(s -> {
            move(from, List.of(event), 0);
            jdbc.update("INSERT INTO edge_rejected_event (position, tracking_id, status, problem, rejected_at) "
                    + "VALUES (?, ?, ?, ?, ?)", event.position(), event.trackingId(), status, problem,
                    clock.instant().atOffset(ZoneOffset.UTC));
            log.transition(List.of(new StateChange(event.trackingId(), EventState.PENDING, EventState.EXCEPTION)));
        });
    }

    /** Refused events from the oldest, after {@code afterPosition}. */
    List<Rejected> rejectedAfter(long afterPosition, int limit) {
        return jdbc.query("SELECT position, tracking_id, status, problem, rejected_at FROM edge_rejected_event "
                        + "WHERE position > ? ORDER BY position LIMIT ?",
                (rs, n) -> new Rejected(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()), afterPosition, limit);
    }

    private void move(long from, List<LoggedEvent> events, int duplicates) {
        long to = events.get(events.size() - 1).position();
        int moved = jdbc.update("UPDATE edge_forwarding SET last_position = ?, hub_duplicates = hub_duplicates + ? "
                + "WHERE id = 1 AND last_position = ?", to, duplicates, from);
        if (moved != 1) {
            throw new IllegalStateException("the forwarding cursor is no longer at " + from
                    + ": a second forwarder runs on this store");
        }
    }
}
