package io.millrace.eventlog.jdbc;

import io.millrace.eventlog.AppendHook;
import io.millrace.eventlog.AppendResult;
import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.BatchDeduplication;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventLogFailure;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.Receipt;
import io.millrace.eventlog.StateChange;
import io.millrace.eventlog.TrackingIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** {@link EventLog} on a relational database (H2 in PostgreSQL mode, or PostgreSQL). */
public final class JdbcEventLog implements EventLog {

    private static final int FIND_CHUNK = 500;
    private static final String COLUMNS = "position, tracking_id, source, event_id, type, plant, subject, "
            + "business_key, correlation_id, event_time, accepted_at, producer_key_id, payload, state";
    private static final String INSERT = "INSERT INTO event_log (position, tracking_id, source, "
            + "event_id, type, plant, subject, business_key, correlation_id, event_time, accepted_at, "
            + "producer_key_id, content_hash, payload, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'PENDING')";

    private final DataSource dataSource;
    private final Clock clock;
    private final TrackingIds trackingIds;
    private final AppendSignal appended;
    private final AppendHook hook;

    public JdbcEventLog(DataSource dataSource, Clock clock) {
        this(dataSource, clock, new AppendSignal());
    }

    /** {@code appended} is raised after every committed append that added events. */
    public JdbcEventLog(DataSource dataSource, Clock clock, AppendSignal appended) {
        this(dataSource, clock, appended, AppendHook.NONE);
    }

    /** {@code hook} runs in every append's transaction before it commits (see {@link AppendHook}). */
    public JdbcEventLog(DataSource dataSource, Clock clock, AppendSignal appended, AppendHook hook) {
        this.dataSource = dataSource;
        this.hook = hook;
        this.clock = clock;
        this.trackingIds = new TrackingIds(clock);
        this.appended = appended;
    }

    @Override
    public AppendResult append(List<NewEvent> batch) {
        if (batch.isEmpty()) {
            return new AppendResult.Appended(List.of());
        }
        BatchDeduplication dedup = new BatchDeduplication(batch);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                AppendResult result = appendLocked(c, batch, dedup);
                if (result instanceof AppendResult.Appended done) {
                    c.commit();
                    if (done.receipts().stream().anyMatch(r -> r.status() == Receipt.Status.ACCEPTED)) {
                        appended.raise();
                    }
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException ex) {
                rollbackAfter(c, ex);
                throw ex;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException ex) {
            throw new EventLogFailure("could not append " + batch.size() + " events to the log", ex);
        }
    }

    private AppendResult appendLocked(Connection c, List<NewEvent> batch, BatchDeduplication dedup)
            throws SQLException {
        long lastPosition = lockHead(c);
        UUID[] trackingIds = new UUID[batch.size()];
        boolean[] duplicate = new boolean[batch.size()];
        List<Integer> firsts = dedup.firstOccurrences();
        Map<String, Stored> stored = findStored(c, batch, firsts);
        List<Integer> toInsert = new ArrayList<>(firsts.size());
        for (int i : firsts) {
            Stored hit = stored.get(naturalKey(batch.get(i).source(), batch.get(i).id()));
            if (hit == null) {
                toInsert.add(i);
            } else if (dedup.sameHash(i, hit.hash())
                    || dedup.checkAgainstStored(i, hit.trackingId(), hit.hash(), payload(c, hit.trackingId()))) {
                trackingIds[i] = hit.trackingId();
                duplicate[i] = true;
            }
        }
        if (!dedup.conflicts().isEmpty()) {
            return new AppendResult.Conflicting(dedup.conflicts());
        }
        Instant acceptedAt = clock.instant();
        long position = lastPosition;
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i : toInsert) {
                trackingIds[i] = this.trackingIds.next();
                bindInsert(insert, ++position, trackingIds[i], batch.get(i), acceptedAt);
                insert.addBatch();
            }
            if (!toInsert.isEmpty()) {
                insert.executeBatch();
            }
        }
        if (position != lastPosition) {
            try (PreparedStatement head = c.prepareStatement("UPDATE event_log_head SET last_position = ? WHERE id = 1")) {
                head.setLong(1, position);
                head.executeUpdate();
            }
            List<LoggedEvent> added = new ArrayList<>(toInsert.size());
            long at = lastPosition;
            for (int i : toInsert) {
                NewEvent e = batch.get(i);
                added.add(new LoggedEvent(++at, trackingIds[i], e.source(), e.id(), e.type(), e.plant(), e.subject(),
                        e.businessKey(), e.correlationId(), e.eventTime(), acceptedAt, e.producerKeyId(), e.json(),
                        EventState.PENDING));
            }
            hook.beforeCommit(added);
            // the count rows are shared with the appliers' state changes: lock them only now, after a
            // hook that may wait for a broker, so that applying never waits for that round trip
            try (PreparedStatement count = c.prepareStatement(
                    "UPDATE event_log_state_count SET events = events + ? WHERE state = 'PENDING'")) {
                count.setLong(1, position - lastPosition);
                count.executeUpdate();
            }
        }
        List<Receipt> receipts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int first = dedup.firstIndexOf(i);
            boolean dup = first != i || duplicate[i];
            NewEvent event = batch.get(i);
            receipts.add(new Receipt(event.source(), event.id(), trackingIds[first],
                    dup ? Receipt.Status.DUPLICATE : Receipt.Status.ACCEPTED));
        }
        return new AppendResult.Appended(receipts);
    }

    /**
     * Rolls back after {@code failure}. A connection the failure broke (the server went away) cannot
     * roll back, and the server has dropped the transaction anyway; the caller must see the failure
     * itself, which says why, not the connection being closed.
     */
    private static void rollbackAfter(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
    }

    /** A broken connection is discarded by the pool, which resets auto-commit on every other. */
    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the connection is broken: the pool evicts it
        }
    }

    private static long lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_position FROM event_log_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("event_log_head has no row: the database was not migrated");
            }
            return rs.getLong(1);
        }
    }

    private record Stored(UUID trackingId, String hash, String source, String id) {
    }

    /** One round trip: what the log already holds under the batch's idempotency keys. */
    private static Map<String, Stored> findStored(Connection c, List<NewEvent> batch, List<Integer> firsts)
            throws SQLException {
        String placeholders = String.join(",", java.util.Collections.nCopies(firsts.size(), "(?,?)"));
        String sql = "SELECT tracking_id, content_hash, source, event_id FROM event_log "
                + "WHERE (source, event_id) IN (" + placeholders + ")";
        Map<String, Stored> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int p = 1;
            for (int i : firsts) {
                s.setString(p++, batch.get(i).source());
                s.setString(p++, batch.get(i).id());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Stored hit = new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4));
                    out.put(naturalKey(hit.source(), hit.id()), hit);
                }
            }
        }
        return out;
    }

    /** (source, id) as one unambiguous string: the length prefix keeps "a" + "bc" apart from "ab" + "c". */
    private static String naturalKey(String source, String id) {
        return source.length() + ":" + source + id;
    }

    private static String payload(Connection c, UUID trackingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM event_log WHERE tracking_id = ?")) {
            s.setObject(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void bindInsert(PreparedStatement s, long position, UUID trackingId, NewEvent e, Instant acceptedAt)
            throws SQLException {
        s.setLong(1, position);
        s.setObject(2, trackingId);
        s.setString(3, e.source());
        s.setString(4, e.id());
        s.setString(5, e.type());
        s.setString(6, e.plant());
        s.setString(7, e.subject());
        s.setString(8, e.businessKey());
        s.setString(9, e.correlationId());
        s.setObject(10, e.eventTime().atOffset(ZoneOffset.UTC));
        s.setObject(11, acceptedAt.atOffset(ZoneOffset.UTC));
        s.setString(12, e.producerKeyId());
        s.setString(13, e.contentHash());
        s.setString(14, e.json());
    }

    @Override
    public Optional<LoggedEvent> find(UUID trackingId) {
        List<LoggedEvent> found = query("SELECT " + COLUMNS + " FROM event_log WHERE tracking_id = ?",
                trackingId);
        return found.stream().findFirst();
    }

    @Override
    public List<LoggedEvent> findAll(Collection<UUID> trackingIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(trackingIds));
        List<LoggedEvent> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += FIND_CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + FIND_CHUNK));
            found.addAll(query("SELECT " + COLUMNS + " FROM event_log WHERE tracking_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray()));
        }
        found.sort(Comparator.comparingLong(LoggedEvent::position));
        return found;
    }

    @Override
    public Map<UUID, EventState> states(Collection<UUID> trackingIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(trackingIds));
        Map<UUID, EventState> states = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += FIND_CHUNK) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + FIND_CHUNK));
                try (PreparedStatement s = c.prepareStatement("SELECT tracking_id, state FROM event_log WHERE "
                        + "tracking_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setObject(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            states.put(rs.getObject(1, UUID.class), EventState.valueOf(rs.getString(2)));
                        }
                    }
                }
            }
        } catch (SQLException ex) {
            throw new EventLogFailure("could not read the event log's states", ex);
        }
        return states;
    }

    @Override
    public List<LoggedEvent> readAfter(long afterPosition, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return query("SELECT " + COLUMNS + " FROM event_log WHERE position > ? ORDER BY position LIMIT ?",
                afterPosition, limit);
    }

    @Override
    public void transition(List<StateChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        boolean own = !DataSourceUtils.isConnectionTransactional(c, dataSource);
        try {
            boolean autoCommit = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try {
                transition(c, changes);
                if (own) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException ex) {
                if (own) {
                    rollbackAfter(c, ex);
                }
                throw ex;
            } finally {
                if (own) {
                    restoreAutoCommit(c, autoCommit);
                }
            }
        } catch (SQLException ex) {
            throw new EventLogFailure("could not move " + changes.size() + " events to their new states", ex);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private static void transition(Connection c, List<StateChange> changes) throws SQLException {
        Map<EventState, Long> deltas = new EnumMap<>(EventState.class);
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE event_log SET state = ? WHERE tracking_id = ? AND state = ?")) {
            for (StateChange change : changes) {
                update.setString(1, change.to().name());
                update.setObject(2, change.trackingId());
                update.setString(3, change.from().name());
                update.addBatch();
                deltas.merge(change.from(), -1L, Long::sum);
                deltas.merge(change.to(), 1L, Long::sum);
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new EventLogFailure("event " + changes.get(i).trackingId() + " is not in state "
                            + changes.get(i).from() + " any more", null);
                }
            }
        }
        try (PreparedStatement count = c.prepareStatement(
                "UPDATE event_log_state_count SET events = events + ? WHERE state = ?")) {
            // a fixed order of the count rows, so that concurrent transitions cannot deadlock on them
            for (EventState state : EventState.values()) {
                long delta = deltas.getOrDefault(state, 0L);
                if (delta != 0) {
                    count.setLong(1, delta);
                    count.setString(2, state.name());
                    count.addBatch();
                }
            }
            count.executeBatch();
        }
    }

    @Override
    public Backlog backlog() {
        Map<EventState, Long> counts = new EnumMap<>(EventState.class);
        Arrays.stream(EventState.values()).forEach(s -> counts.put(s, 0L));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state, events FROM event_log_state_count");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(EventState.valueOf(rs.getString(1)), rs.getLong(2));
            }
        } catch (SQLException ex) {
            throw new EventLogFailure("could not count the backlog", ex);
        }
        return new Backlog(counts.get(EventState.PENDING), counts.get(EventState.PARKED),
                counts.get(EventState.POSTED), counts.get(EventState.EXCEPTION));
    }

    private List<LoggedEvent> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<LoggedEvent> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new EventLogFailure("could not read the event log", ex);
        }
    }

    private static LoggedEvent map(ResultSet rs) throws SQLException {
        return new LoggedEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant(),
                rs.getString(12), rs.getString(13), EventState.valueOf(rs.getString(14)));
    }
}
