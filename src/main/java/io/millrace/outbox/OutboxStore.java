package io.millrace.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox tables over JDBC, on H2 and PostgreSQL. {@link #insert} runs in the caller's
 * transaction (JdbcTemplate takes the connection bound to it); the dispatcher's writes run in
 * transactions of their own.
 */
class OutboxStore {

    static final String SOURCE = "urn:millrace:hub";

    private static final String MESSAGE_COLUMNS =
            "position, event_id, type, source, subject, plant, correlation_id, tracking_id, event_time, data";
    private static final String SUBSCRIBER_COLUMNS = "name, delivered_position, delivered_count, failing_through,"
            + " attempts, last_error, last_attempt_at, lease_owner, lease_until";
    private static final int MAX_ERROR = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    OutboxStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Writes the messages, unsequenced, in the current transaction if there is one. */
    void insert(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO outbox_message (event_id, type, source, subject, plant, correlation_id,"
                        + " tracking_id, event_time, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", messages, messages.size(),
                (PreparedStatement s, StoredMessage m) -> {
                    s.setObject(1, m.eventId());
                    s.setString(2, m.type());
                    s.setString(3, m.source());
                    s.setString(4, m.subject());
                    s.setString(5, m.plant());
                    s.setString(6, m.correlationId());
                    s.setObject(7, m.trackingId());
                    s.setObject(8, utc(m.time()));
                    s.setString(9, m.data());
                });
    }

    /**
     * Gives the next positions to up to {@code max} committed, unsequenced messages in the order
     * they were written; returns how many. Sequencers of all instances take turns on the
     * sequencer row's lock.
     */
    int sequence(int max) {
        Integer done = transactions.execute(tx -> {
            long last = jdbc.queryForObject("SELECT last_position FROM outbox_sequencer WHERE id = 1 FOR UPDATE",
                    Long.class);
            List<Long> ids = jdbc.queryForList("SELECT id FROM outbox_message WHERE position IS NULL ORDER BY id"
                    + " LIMIT ?", Long.class, max);
            if (ids.isEmpty()) {
                return 0;
            }
            List<Object[]> updates = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                updates.add(new Object[] {last + i + 1, ids.get(i)});
            }
            jdbc.batchUpdate("UPDATE outbox_message SET position = ? WHERE id = ?", updates);
            jdbc.update("UPDATE outbox_sequencer SET last_position = ? WHERE id = 1", last + ids.size());
            return ids.size();
        });
        return done == null ? 0 : done;
    }

    /** The highest position given so far: every message up to it is visible. */
    long highWater() {
        return jdbc.queryForObject("SELECT last_position FROM outbox_sequencer WHERE id = 1", Long.class);
    }

    /** Sequenced messages after {@code after} up to {@code upTo}, of the given types (all when empty). */
    List<StoredMessage> readAfter(long after, long upTo, List<String> types, int limit) {
        List<Object> args = new ArrayList<>(List.of(after, upTo));
        args.addAll(types);
        args.add(limit);
        return jdbc.query("SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE position > ? AND position <= ?"
                + typeFilter(types) + " ORDER BY position LIMIT ?", MESSAGES, args.toArray());
    }

    /** Messages of the types (all when empty) not delivered yet: after the position, or unsequenced. */
    long undelivered(long after, List<String> types) {
        List<Object> args = new ArrayList<>();
        args.add(after);
        args.addAll(types);
        long sequenced = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE position > ?"
                + typeFilter(types), Long.class, args.toArray());
        long unsequenced = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE position IS NULL"
                + typeFilter(types), Long.class, types.toArray());
        return sequenced + unsequenced;
    }

    List<StoredMessage> messagesOf(UUID trackingId) {
        return jdbc.query("SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE tracking_id = ? ORDER BY id",
                MESSAGES, trackingId);
    }

    /** Adds the subscriber with no progress unless it is known already. */
    void register(String subscriber) {
        jdbc.update("INSERT INTO outbox_subscriber (name, delivered_position, delivered_count, attempts)"
                + " VALUES (?, 0, 0, 0) ON CONFLICT DO NOTHING", subscriber);
    }

    Optional<SubscriberProgress> progress(String subscriber) {
        return jdbc.query("SELECT " + SUBSCRIBER_COLUMNS + " FROM outbox_subscriber WHERE name = ?", PROGRESS,
                subscriber).stream().findFirst();
    }

    /**
     * Sets the subscriber back so that it is sent every message from {@code fromPosition} on again,
     * and keeps who asked and why; answers the position it had delivered up to, empty for an unknown
     * subscriber. A delivery in flight loses its compare-and-set and is not recorded.
     */
    Optional<Long> rewind(String subscriber, long fromPosition, String actor, String reason, Instant at) {
        return transactions.execute(tx -> {
            List<Long> previous = jdbc.queryForList("SELECT delivered_position FROM outbox_subscriber WHERE name = ?"
                    + " FOR UPDATE", Long.class, subscriber);
            if (previous.isEmpty()) {
                return Optional.<Long>empty();
            }
            jdbc.update("UPDATE outbox_subscriber SET delivered_position = ?, failing_through = NULL, attempts = 0,"
                    + " last_error = NULL WHERE name = ?", fromPosition - 1, subscriber);
            jdbc.update("INSERT INTO outbox_replay (subscriber, from_position, previous_position, requested_by,"
                    + " requested_at, reason) VALUES (?, ?, ?, ?, ?, ?)", subscriber, fromPosition, previous.get(0),
                    actor, utc(at), reason);
            return Optional.of(previous.get(0));
        });
    }

    /** Takes or renews the subscriber's lease for {@code owner} unless another owner holds it unexpired. */
    boolean acquireLease(String subscriber, String owner, Instant now, Instant until) {
        return jdbc.update("UPDATE outbox_subscriber SET lease_owner = ?, lease_until = ? WHERE name = ?"
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)",
                owner, utc(until), subscriber, owner, utc(now)) == 1;
    }

    void releaseLease(String subscriber, String owner) {
        jdbc.update("UPDATE outbox_subscriber SET lease_owner = NULL, lease_until = NULL"
                + " WHERE name = ? AND lease_owner = ?", subscriber, owner);
    }

    /**
     * Records that the messages after {@code from} up to {@code to} were delivered, if
     * {@code owner} still holds the lease; false (nothing recorded) when it lost it.
     */
    boolean recordDelivered(String subscriber, String owner, long from, long to, int count, Instant at) {
        Boolean recorded = transactions.execute(tx -> {
            int updated = jdbc.update("UPDATE outbox_subscriber SET delivered_position = ?,"
                    + " delivered_count = delivered_count + ?, failing_through = NULL, attempts = 0,"
                    + " last_error = NULL WHERE name = ? AND lease_owner = ? AND delivered_position = ?",
                    to, count, subscriber, owner, from);
            if (updated != 1) {
                return false;
            }
            jdbc.update("INSERT INTO outbox_delivery (subscriber, from_position, to_position, message_count,"
                    + " delivered_at) VALUES (?, ?, ?, ?, ?)", subscriber, from, to, count, utc(at));
            return true;
        });
        return Boolean.TRUE.equals(recorded);
    }

    /** Moves past messages the subscriber does not take; false when {@code owner} lost the lease. */
    boolean skipTo(String subscriber, String owner, long from, long to) {
        return jdbc.update("UPDATE outbox_subscriber SET delivered_position = ? WHERE name = ? AND lease_owner = ?"
                + " AND delivered_position = ?", to, subscriber, owner, from) == 1;
    }

    /** Counts a failed attempt on the head up to {@code through}; returns the attempts so far, 0 if the lease was lost. */
    int recordFailure(String subscriber, String owner, long through, String error, Instant at) {
        String message = error == null ? "unknown error" : error;
        message = message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
        int updated = jdbc.update("UPDATE outbox_subscriber SET attempts = attempts + 1, failing_through = ?,"
                        + " last_error = ?, last_attempt_at = ? WHERE name = ? AND lease_owner = ?",
                through, message, utc(at), subscriber, owner);
        return updated == 1 ? progress(subscriber).map(SubscriberProgress::attempts).orElse(0) : 0;
    }

    /** When the delivery that covered {@code position} happened, if one did. */
    Optional<Instant> deliveredAt(String subscriber, long position) {
        return jdbc.query("SELECT delivered_at FROM outbox_delivery WHERE subscriber = ? AND to_position >= ?"
                        + " AND from_position < ? ORDER BY to_position LIMIT 1",
                (rs, n) -> instant(rs, "delivered_at"), subscriber, position, position).stream().findFirst();
    }

    private static String typeFilter(List<String> types) {
        return types.isEmpty() ? "" : " AND type IN (" + String.join(", ", Collections.nCopies(types.size(), "?")) + ")";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<StoredMessage> MESSAGES = (rs, n) -> new StoredMessage(
            rs.getObject("position", Long.class), rs.getObject("event_id", UUID.class), rs.getString("type"),
            rs.getString("source"), rs.getString("subject"), rs.getString("plant"), rs.getString("correlation_id"),
            rs.getObject("tracking_id", UUID.class), instant(rs, "event_time"), rs.getString("data"));

    private static final RowMapper<SubscriberProgress> PROGRESS = (rs, n) -> new SubscriberProgress(
            rs.getString("name"), rs.getLong("delivered_position"), rs.getLong("delivered_count"),
            rs.getObject("failing_through", Long.class), rs.getInt("attempts"), rs.getString("last_error"),
            instant(rs, "last_attempt_at"), rs.getString("lease_owner"), instant(rs, "lease_until"));
}
