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
 * transaction (JdbcTemplate takes the connection bound to it), or in one of its own without; the
 * dispatcher's writes run in transactions of their own.
 */
class OutboxStore {

    static final String SOURCE = "urn:millrace:hub";

    private static final String MESSAGE_COLUMNS =
            "position, event_id, type, source, subject, plant, correlation_id, tracking_id, event_time, data, traceparent";
    private static final String SUBSCRIBER_COLUMNS = "name, delivered_position, delivered_count, failing_through,"
            + " attempts, last_error, last_attempt_at, lease_owner, lease_until, failing_since,"
            + " counted_failures";
    private static final String DEAD_LETTER_COLUMNS = "d.id, d.subscriber, d.position, d.order_key, d.state, d.reason,"
            + " d.attempts, d.last_error, d.dead_at, d.retried_by, d.retried_at, d.delivered_at";
    private static final int MAX_ERROR = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    OutboxStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Writes the messages with the next delivery positions, in the current transaction if there is
     * one. The sequencer row stays locked until that transaction ends, so positions follow commits:
     * a writer that comes later waits and takes the positions after, and a reader never sees a gap
     * below the high water. Giving positions here, instead of updating every row once it has
     * committed, writes each message once; the caller writes its messages last, just before its
     * commit, so the lock is held only for that short tail.
     */
    void insert(List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            long last = jdbc.queryForObject("SELECT last_position FROM outbox_sequencer WHERE id = 1 FOR UPDATE",
                    Long.class);
            long[] position = {last};
            jdbc.batchUpdate("INSERT INTO outbox_message (position, event_id, type, source, subject, plant,"
                            + " correlation_id, tracking_id, event_time, data, traceparent)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", messages, messages.size(),
                    (PreparedStatement s, StoredMessage m) -> {
                        s.setLong(1, ++position[0]);
                        s.setObject(2, m.eventId());
                        s.setString(3, m.type());
                        s.setString(4, m.source());
                        s.setString(5, m.subject());
                        s.setString(6, m.plant());
                        s.setString(7, m.correlationId());
                        s.setObject(8, m.trackingId());
                        s.setObject(9, utc(m.time()));
                        s.setString(10, m.data());
                        s.setString(11, m.traceparent());
                    });
            jdbc.update("UPDATE outbox_sequencer SET last_position = ? WHERE id = 1", last + messages.size());
        });
    }

    /**
     * Gives the next positions to up to {@code max} committed messages that have none, in the order
     * they were written; returns how many. Only a hub from before positions were given at insert
     * wrote such messages: this sequences what it left once it is upgraded. Sequencers of all
     * instances take turns on the sequencer row's lock, which only a hub with work takes.
     */
    int sequence(int max) {
        // runs at every commit: an existence check on the position index, not a walk in id order
        if (jdbc.queryForList("SELECT 1 FROM outbox_message WHERE position IS NULL LIMIT 1", Integer.class)
                .isEmpty()) {
            return 0;
        }
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
                    + " last_error = NULL, failing_since = NULL, counted_failures = 0 WHERE name = ?", fromPosition - 1,
                    subscriber);
            // Messages sent after a retry are sent again in order; those still set aside stay so.
            jdbc.update("DELETE FROM outbox_dead_letter WHERE subscriber = ? AND position >= ? AND state = 'DELIVERED'",
                    subscriber, fromPosition);
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
                    + " last_error = NULL, failing_since = NULL, counted_failures = 0 WHERE name = ?"
                    + " AND lease_owner = ? AND delivered_position = ?",
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
        return recordFailure(subscriber, owner, through, error, at, false);
    }

    /**
     * As {@link #recordFailure(String, String, long, String, Instant)}; {@code unavailable} (the
     * subscriber could not be reached) resets what the dead-letter limits count.
     */
    int recordFailure(String subscriber, String owner, long through, String error, Instant at, boolean unavailable) {
        String message = error == null ? "unknown error" : error;
        message = message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
        int updated = jdbc.update("UPDATE outbox_subscriber SET attempts = attempts + 1, failing_through = ?,"
                        + " last_error = ?, last_attempt_at = ?,"
                        + " failing_since = CASE WHEN ? THEN NULL ELSE COALESCE(failing_since, ?) END,"
                        + " counted_failures = CASE WHEN ? THEN 0 ELSE counted_failures + 1 END"
                        + " WHERE name = ? AND lease_owner = ?",
                through, message, utc(at), unavailable, utc(at), unavailable, subscriber, owner);
        return updated == 1 ? progress(subscriber).map(SubscriberProgress::attempts).orElse(0) : 0;
    }

    /** When the delivery that covered {@code position} happened, if one did. */
    Optional<Instant> deliveredAt(String subscriber, long position) {
        return jdbc.query("SELECT delivered_at FROM outbox_delivery WHERE subscriber = ? AND to_position >= ?"
                        + " AND from_position < ? ORDER BY to_position LIMIT 1",
                (rs, n) -> instant(rs, "delivered_at"), subscriber, position, position).stream().findFirst();
    }

    /** The message at {@code position}, if there is one. */
    Optional<StoredMessage> messageAt(long position) {
        return jdbc.query("SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE position = ?", MESSAGES, position)
                .stream().findFirst();
    }

    /** Positions after {@code after} up to {@code upTo} that the subscriber has set aside or holds. */
    java.util.Set<Long> setAsideBetween(String subscriber, long after, long upTo) {
        return new java.util.HashSet<>(jdbc.queryForList("SELECT position FROM outbox_dead_letter WHERE subscriber = ?"
                + " AND position > ? AND position <= ?", Long.class, subscriber, after, upTo));
    }

    /** Order keys of the subscriber with a message set aside or held: later messages of these keys wait too. */
    java.util.Set<String> blockedKeys(String subscriber) {
        return new java.util.HashSet<>(jdbc.queryForList("SELECT DISTINCT order_key FROM outbox_dead_letter"
                + " WHERE subscriber = ? AND state IN ('DEAD', 'RETRY', 'HELD')", String.class, subscriber));
    }

    /** Records that the messages wait behind a dead letter of their key (once: held again is a no-op). */
    void hold(String subscriber, List<StoredMessage> messages, java.util.function.Function<StoredMessage, String> key,
              Instant at) {
        for (StoredMessage m : messages) {
            jdbc.update("INSERT INTO outbox_dead_letter (id, subscriber, position, order_key, state, reason, attempts,"
                    + " dead_at) VALUES (?, ?, ?, ?, 'HELD', 'BEHIND_DEAD_LETTER', 0, ?) ON CONFLICT DO NOTHING",
                    UUID.randomUUID(), subscriber, m.position(), key.apply(m), utc(at));
        }
    }

    /**
     * Sets the message aside as a dead letter and moves the subscriber's progress past it, if
     * {@code owner} holds the lease and the progress is still {@code from}; false otherwise.
     */
    boolean setAside(String subscriber, String owner, long from, StoredMessage message, String key, String reason,
                     int attempts, String error, Instant at) {
        Boolean done = transactions.execute(tx -> {
            int updated = jdbc.update("UPDATE outbox_subscriber SET delivered_position = ?, failing_through = NULL,"
                    + " attempts = 0, last_error = NULL, failing_since = NULL, counted_failures = 0 WHERE name = ?"
                    + " AND lease_owner = ? AND delivered_position = ?", message.position(), subscriber, owner, from);
            if (updated != 1) {
                return false;
            }
            jdbc.update("INSERT INTO outbox_dead_letter (id, subscriber, position, order_key, state, reason, attempts,"
                    + " last_error, dead_at) VALUES (?, ?, ?, ?, 'DEAD', ?, ?, ?, ?)", UUID.randomUUID(), subscriber,
                    message.position(), key, reason, attempts, cut(error), utc(at));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Order keys of the subscriber with a dead letter an operator asked to retry. */
    List<String> retriedKeys(String subscriber) {
        return jdbc.queryForList("SELECT order_key FROM outbox_dead_letter WHERE subscriber = ? AND state = 'RETRY'"
                + " GROUP BY order_key ORDER BY MIN(position)", String.class, subscriber);
    }

    /** The key's messages set aside or held for the subscriber, in position order. */
    List<DeadLetter> waiting(String subscriber, String key) {
        return jdbc.query("SELECT " + DEAD_LETTER_COLUMNS + ", m.type, m.plant, m.tracking_id FROM outbox_dead_letter d"
                + " LEFT JOIN outbox_message m ON m.position = d.position WHERE d.subscriber = ? AND d.order_key = ?"
                + " AND d.state IN ('DEAD', 'RETRY', 'HELD') ORDER BY d.position", DEAD_LETTERS, subscriber, key);
    }

    void redelivered(UUID id, Instant at) {
        jdbc.update("UPDATE outbox_dead_letter SET state = 'DELIVERED', delivered_at = ?, last_error = NULL"
                + " WHERE id = ?", utc(at), id);
    }

    /** A retried or held message failed: it is (again) the dead letter of its key. */
    void deadAgain(UUID id, String reason, String error, Instant at) {
        jdbc.update("UPDATE outbox_dead_letter SET state = 'DEAD', reason = ?, attempts = attempts + 1,"
                + " last_error = ?, dead_at = ? WHERE id = ?", reason, cut(error), utc(at), id);
    }

    /** Makes a dead letter due for delivery again; false when it is not DEAD. */
    boolean retryDeadLetter(UUID id, String actor, Instant at) {
        return jdbc.update("UPDATE outbox_dead_letter SET state = 'RETRY', retried_by = ?, retried_at = ?"
                + " WHERE id = ? AND state = 'DEAD'", actor, utc(at), id) == 1;
    }

    Optional<DeadLetter> deadLetter(UUID id) {
        return jdbc.query("SELECT " + DEAD_LETTER_COLUMNS + ", m.type, m.plant, m.tracking_id FROM outbox_dead_letter d"
                + " LEFT JOIN outbox_message m ON m.position = d.position WHERE d.id = ?", DEAD_LETTERS, id)
                .stream().findFirst();
    }

    /** The subscriber's dead letter (any state) at the position, if there is one. */
    Optional<DeadLetter> deadLetterAt(String subscriber, long position) {
        return jdbc.query("SELECT " + DEAD_LETTER_COLUMNS + ", m.type, m.plant, m.tracking_id FROM outbox_dead_letter d"
                + " LEFT JOIN outbox_message m ON m.position = d.position WHERE d.subscriber = ? AND d.position = ?",
                DEAD_LETTERS, subscriber, position).stream().findFirst();
    }

    /** Delivery exceptions: messages set aside (states DEAD, RETRY) or delivered after a retry, newest first. */
    List<DeadLetter> deadLetters(List<String> states, int offset, int limit) {
        List<Object> args = new ArrayList<>(states);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + DEAD_LETTER_COLUMNS + ", m.type, m.plant, m.tracking_id FROM outbox_dead_letter d"
                + " LEFT JOIN outbox_message m ON m.position = d.position WHERE d.state IN ("
                + String.join(", ", Collections.nCopies(states.size(), "?")) + ") AND (d.state <> 'DELIVERED'"
                + " OR d.retried_by IS NOT NULL) ORDER BY d.dead_at DESC, d.id LIMIT ? OFFSET ?", DEAD_LETTERS,
                args.toArray());
    }

    long countDeadLetters(List<String> states) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_dead_letter d WHERE d.state IN ("
                + String.join(", ", Collections.nCopies(states.size(), "?")) + ") AND (d.state <> 'DELIVERED'"
                + " OR d.retried_by IS NOT NULL)", Long.class, states.toArray());
    }

    /** Messages of the subscriber set aside or held, not delivered yet. */
    long countWaiting(String subscriber) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_dead_letter WHERE subscriber = ?"
                + " AND state IN ('DEAD', 'RETRY', 'HELD')", Long.class, subscriber);
    }

    private static String cut(String error) {
        String message = error == null ? "unknown error" : error;
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
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
            rs.getObject("tracking_id", UUID.class), instant(rs, "event_time"), rs.getString("data"),
            rs.getString("traceparent"));

    private static final RowMapper<SubscriberProgress> PROGRESS = (rs, n) -> new SubscriberProgress(
            rs.getString("name"), rs.getLong("delivered_position"), rs.getLong("delivered_count"),
            rs.getObject("failing_through", Long.class), rs.getInt("attempts"), rs.getString("last_error"),
            instant(rs, "last_attempt_at"), rs.getString("lease_owner"), instant(rs, "lease_until"),
            instant(rs, "failing_since"), rs.getInt("counted_failures"));

    private static final RowMapper<DeadLetter> DEAD_LETTERS = (rs, n) -> new DeadLetter(rs.getObject("id", UUID.class),
            rs.getString("subscriber"), rs.getLong("position"), rs.getString("order_key"), rs.getString("state"),
            rs.getString("reason"), rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "dead_at"),
            rs.getString("retried_by"), instant(rs, "retried_at"), instant(rs, "delivered_at"), rs.getString("type"),
            rs.getString("plant"), rs.getObject("tracking_id", UUID.class));
}
