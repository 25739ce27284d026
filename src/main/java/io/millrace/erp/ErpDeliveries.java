package io.millrace.erp;

import io.millrace.erp.Delivery.DeliveryState;
import io.millrace.outbox.PublishedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/** The ERP delivery tables over JDBC (H2 and PostgreSQL); every write runs in a transaction of its own. */
public class ErpDeliveries {

    static final String CURSOR = "journal";
    private static final int MAX_ERROR = 1000;
    private static final String COLUMNS = "seq, entry_id, position, tracking_id, plant, posting_date, data, state,"
            + " reference, move_id, move_number, attempts, last_error, created_at, updated_at, correlation_id, traceparent";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ErpDeliveries(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        jdbc.update("INSERT INTO erp_cursor (name, position) VALUES (?, 0) ON CONFLICT DO NOTHING", CURSOR);
    }

    /** Takes (or renews) the delivery lease for {@code owner}; false when another instance holds it. */
    boolean acquireLease(String owner, Instant now, Instant until) {
        return jdbc.update("UPDATE erp_cursor SET lease_owner = ?, lease_until = ? WHERE name = ?"
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)", owner, utc(until), CURSOR, owner,
                utc(now)) == 1;
    }

    void releaseLease(String owner) {
        jdbc.update("UPDATE erp_cursor SET lease_owner = NULL, lease_until = NULL WHERE name = ? AND lease_owner = ?",
                CURSOR, owner);
    }

    long cursor() {
        return jdbc.queryForObject("SELECT position FROM erp_cursor WHERE name = ?", Long.class, CURSOR);
    }

    /**
     * Records the journal messages as deliveries and moves the cursor past them, in one
     * transaction; {@code reference} gives each its move reference (null: assigned later).
     */
    void ingest(List<PublishedMessage> messages, Function<PublishedMessage, NewDelivery> parse, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            List<Object[]> rows = new ArrayList<>();
            for (PublishedMessage m : messages) {
                NewDelivery d = parse.apply(m);
                rows.add(new Object[] {d.entryId(), m.position(), m.trackingId(), d.plant(), d.postingDate(), m.data(),
                        DeliveryState.PENDING.name(), d.reference(), utc(now), utc(now), m.correlationId(),
                        m.traceparent()});
            }
            jdbc.batchUpdate("INSERT INTO erp_delivery (entry_id, position, tracking_id, plant, posting_date, data,"
                    + " state, reference, attempts, created_at, updated_at, correlation_id, traceparent)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
            jdbc.update("UPDATE erp_cursor SET position = ? WHERE name = ?",
                    messages.get(messages.size() - 1).position(), CURSOR);
        });
    }

    /** What a journal message becomes. */
    record NewDelivery(String entryId, String plant, LocalDate postingDate, String reference) {
    }

    /** Pending deliveries with a reference, oldest first, whole reference groups, at most {@code groups} groups. */
    List<Delivery> pendingGroups(int groups) {
        List<String> references = jdbc.queryForList("SELECT reference FROM erp_delivery WHERE state = 'PENDING'"
                + " AND reference IS NOT NULL GROUP BY reference ORDER BY MIN(seq) LIMIT ?", String.class, groups);
        if (references.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(references.size(), "?"));
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_delivery WHERE state = 'PENDING' AND reference IN ("
                + marks + ") ORDER BY seq", ROWS, references.toArray());
    }

    /** Pending deliveries not assigned to a summary yet, posted on or before {@code through}. */
    List<Delivery> unsummarised(LocalDate through, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_delivery WHERE state = 'PENDING' AND reference IS NULL"
                + " AND posting_date <= ? ORDER BY seq LIMIT ?", ROWS, through, limit);
    }

    /** Assigns the summary reference to the deliveries. */
    void assignReference(List<Long> seqs, String reference, Instant now) {
        jdbc.batchUpdate("UPDATE erp_delivery SET reference = ?, updated_at = ? WHERE seq = ? AND reference IS NULL",
                seqs.stream().map(s -> new Object[] {reference, utc(now), s}).toList());
    }

    void delivered(String reference, ErpMove move, Instant now) {
        jdbc.update("UPDATE erp_delivery SET state = 'DELIVERED', move_id = ?, move_number = ?, last_error = NULL,"
                + " updated_at = ? WHERE reference = ? AND state = 'PENDING'", move == null ? null : move.id(),
                move == null ? null : move.number(), utc(now), reference);
    }

    /** The ERP refused the move: a delivery exception, one per reference, until an operator's retry delivers it. */
    void refused(String reference, String error, Instant now) {
        jdbc.update("UPDATE erp_delivery SET state = 'REFUSED', attempts = attempts + 1, last_error = ?,"
                + " updated_at = ?, refused_at = ?, exception_id = ? WHERE reference = ? AND state = 'PENDING'",
                cut(error), utc(now), utc(now), exceptionId(reference), reference);
    }

    /** The id of the delivery exception of a move reference: the same each time it is refused. */
    static UUID exceptionId(String reference) {
        return UUID.nameUUIDFromBytes(("erp-delivery:" + reference).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void failed(List<String> references, String error, Instant now) {
        jdbc.batchUpdate("UPDATE erp_delivery SET attempts = attempts + 1, last_error = ?, updated_at = ?"
                + " WHERE reference = ? AND state = 'PENDING'", references.stream()
                .map(r -> new Object[] {cut(error), utc(now), r}).toList());
    }

    /**
     * Makes a refused delivery (with every entry of its move) pending again, naming the operator;
     * empty when there is no such entry, false when it was not refused.
     */
    Optional<Boolean> retry(String entryId, String actor, Instant now) {
        Optional<Delivery> found = byEntry(entryId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Delivery d = found.get();
        return Optional.of(jdbc.update("UPDATE erp_delivery SET state = 'PENDING', updated_at = ?, retried_by = ?,"
                + " retried_at = ? WHERE reference = ? AND state = 'REFUSED'", utc(now), actor, utc(now),
                d.reference()) > 0);
    }

    /** A refusal as a delivery exception: its first entry, and when it was refused and retried. */
    record Refusal(UUID exceptionId, Delivery delivery, Instant refusedAt, String retriedBy, Instant retriedAt) {
    }

    /** Refusals (one per exception) in the states, newest first; {@code retriedOnly} for delivered ones. */
    List<Refusal> refusals(String statusFilter, int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + ", exception_id, refused_at, retried_by, retried_at FROM erp_delivery"
                + " WHERE seq IN (SELECT MIN(seq) FROM erp_delivery WHERE exception_id IS NOT NULL" + statusFilter
                + " GROUP BY exception_id) ORDER BY refused_at DESC, seq LIMIT ? OFFSET ?", REFUSALS, limit, offset);
    }

    long countRefusals(String statusFilter) {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT exception_id) FROM erp_delivery WHERE exception_id IS NOT NULL"
                + statusFilter, Long.class);
    }

    Optional<Refusal> refusal(UUID exceptionId) {
        return jdbc.query("SELECT " + COLUMNS + ", exception_id, refused_at, retried_by, retried_at FROM erp_delivery"
                + " WHERE exception_id = ? ORDER BY seq LIMIT 1", REFUSALS, exceptionId).stream().findFirst();
    }

    public Optional<Delivery> byEntry(String entryId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_delivery WHERE entry_id = ?", ROWS, entryId).stream()
                .findFirst();
    }

    public List<Delivery> ofEvent(UUID trackingId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_delivery WHERE tracking_id = ? ORDER BY seq", ROWS,
                trackingId);
    }

    /** The move references of the delivered entries of a plant (all plants when null) posted in the dates. */
    List<String> deliveredReferences(String plant, LocalDate from, LocalDate to) {
        return jdbc.queryForList("SELECT DISTINCT reference FROM erp_delivery WHERE state = 'DELIVERED'"
                + " AND move_id IS NOT NULL AND posting_date BETWEEN ? AND ?" + (plant == null ? "" : " AND plant = ?"),
                String.class, plant == null ? new Object[] {from, to} : new Object[] {from, to, plant});
    }

    /** Entries of a plant (all when null) posted in the dates that are not delivered. */
    long undelivered(String plant, LocalDate from, LocalDate to) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM erp_delivery WHERE state <> 'DELIVERED'"
                + " AND posting_date BETWEEN ? AND ?" + (plant == null ? "" : " AND plant = ?"), Long.class,
                plant == null ? new Object[] {from, to} : new Object[] {from, to, plant});
    }

    List<Delivery> refusedOnes(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_delivery WHERE state = 'REFUSED' ORDER BY seq LIMIT ?",
                ROWS, limit);
    }

    /** Entries per state. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s.name(), 0L);
        }
        jdbc.query("SELECT state, COUNT(*) AS n FROM erp_delivery GROUP BY state",
                (ResultSet rs) -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }

    /** When the oldest pending delivery was taken from the outbox, if any is pending. */
    Optional<Instant> oldestPending() {
        return jdbc.query("SELECT MIN(created_at) AS t FROM erp_delivery WHERE state = 'PENDING'",
                (rs, n) -> instant(rs, "t")).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    Optional<Instant> lastDelivered() {
        return jdbc.query("SELECT MAX(updated_at) AS t FROM erp_delivery WHERE state = 'DELIVERED'",
                (rs, n) -> instant(rs, "t")).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The last synchronisation of {@code name}, if there was one. */
    Optional<SyncState> sync(String name) {
        return jdbc.query("SELECT latest_change, synced_at, outcome FROM erp_sync WHERE name = ?",
                (rs, n) -> new SyncState(name, instant(rs, "latest_change"), instant(rs, "synced_at"),
                        rs.getString("outcome")), name).stream().findFirst();
    }

    void recordSync(String name, Instant latestChange, Instant at, String outcome) {
        transactions.executeWithoutResult(tx -> {
            int updated = jdbc.update("UPDATE erp_sync SET latest_change = ?, synced_at = ?, outcome = ? WHERE name = ?",
                    utc(latestChange), utc(at), cut(outcome), name);
            if (updated == 0) {
                jdbc.update("INSERT INTO erp_sync (name, latest_change, synced_at, outcome) VALUES (?, ?, ?, ?)",
                        name, utc(latestChange), utc(at), cut(outcome));
            }
        });
    }

    /** The last synchronisation of one kind of ERP data. */
    public record SyncState(String name, Instant latestChange, Instant syncedAt, String outcome) {
    }

    private static final RowMapper<Refusal> REFUSALS = (rs, n) -> new Refusal(rs.getObject("exception_id", UUID.class),
            ErpDeliveries.ROWS.mapRow(rs, n), instant(rs, "refused_at"), rs.getString("retried_by"), instant(rs, "retried_at"));

    private static String cut(String error) {
        String message = error == null ? "unknown error" : error;
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<Delivery> ROWS = (rs, n) -> new Delivery(rs.getLong("seq"),
            rs.getString("entry_id"), rs.getLong("position"), rs.getObject("tracking_id", UUID.class),
            rs.getString("plant"), rs.getObject("posting_date", LocalDate.class), rs.getString("data"),
            DeliveryState.valueOf(rs.getString("state")), rs.getString("reference"),
            rs.getObject("move_id", Long.class), rs.getString("move_number"), rs.getInt("attempts"),
            rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"),
            rs.getString("correlation_id"), rs.getString("traceparent"));
}
