package io.millrace.pipeline;

import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.posting.InventoryMovement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pipeline's tables. Every write joins the caller's Spring-managed transaction (the one that
 * also writes the books and the events' states).
 */
final class PipelineStore {

    /** The cursor row as read (and locked) at the start of a transaction. */
    record Cursor(long position, long generation) {
    }

    /** A parked row as stored; the event itself is read from the log. */
    record ParkedRow(UUID trackingId, long position, Reason reason, String message, Set<String> waitingFor,
                     Instant parkedAt, int attempts) {
    }

    /** The {@code line}-th inventory movement an event caused, as the batch writes it. */
    record MovementRow(UUID trackingId, int line, io.millrace.accounting.posting.InventoryMovement movement) {
    }

    /** An inventory movement an event caused. */
    record Movement(String plant, String location, String item, String lot, String status,
                    java.math.BigDecimal quantity) {
    }

    private static final String EXCEPTION_COLUMNS = "id, tracking_id, position, type, plant, reason, message, "
            + "raised_at, status, decided_by, decided_at";

    private final JdbcTemplate jdbc;

    PipelineStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Locks the cursor row: one applying transaction at a time, across every hub instance. */
    Cursor lockCursor() {
        return jdbc.queryForObject("SELECT position, generation FROM pipeline_cursor WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Cursor(rs.getLong(1), rs.getLong(2)));
    }

    void saveCursor(Cursor cursor) {
        jdbc.update("UPDATE pipeline_cursor SET position = ?, generation = ? WHERE id = 1", cursor.position(),
                cursor.generation());
    }

    /** Where the cursor row stands: every event up to it has been taken up. */
    long cursorPosition() {
        Long position = jdbc.queryForObject("SELECT position FROM pipeline_cursor WHERE id = 1", Long.class);
        return position == null ? 0 : position;
    }

    /**
     * Moves the cursor row up to {@code position} (never down), with a new generation so that a
     * single applier started later reloads its parked events: the low-water mark of the lanes.
     */
    void raiseCursor(long position) {
        jdbc.update("UPDATE pipeline_cursor SET position = ?, generation = generation + 1 WHERE id = 1 "
                + "AND position < ?", position, position);
    }

    List<ParkedRow> parkedRows() {
        return jdbc.query("SELECT tracking_id, position, reason, message, waiting_for, parked_at, attempts "
                + "FROM pipeline_parked ORDER BY position", (rs, n) -> new ParkedRow(rs.getObject(1, UUID.class),
                rs.getLong(2), reason(rs, 3), rs.getString(4), split(rs.getString(5)), instant(rs, 6), rs.getInt(7)));
    }

    /** Replaces the parked rows of {@code touched}: deletes them all, inserts those in {@code parked}. */
    void replaceParked(Set<UUID> touched, List<ParkedEvent> parked) {
        if (!touched.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM pipeline_parked WHERE tracking_id = ?",
                    touched.stream().map(id -> new Object[] {id}).toList());
        }
        if (!parked.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO pipeline_parked (tracking_id, position, business_key, reason, message, "
                    + "waiting_for, parked_at, attempts) VALUES (?,?,?,?,?,?,?,?)", parked.stream()
                    .map(p -> new Object[] {p.decoded().trackingId(), p.position(), p.decoded().orderingKey(),
                            p.reason().name(), clip(p.message()), String.join("\n", p.waitingFor()), utc(p.parkedAt()),
                            p.attempts()}).toList());
        }
    }

    void insertSteps(List<Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO pipeline_step (tracking_id, step, at, reason, message, actor) "
                + "VALUES (?,?,?,?,?,?)", steps.stream().map(s -> new Object[] {s.trackingId(), s.kind().name(),
                utc(s.at()), name(s.reason()), clip(s.message()), s.actor()}).toList());
    }

    void insertMovementRows(List<MovementRow> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO pipeline_movement (tracking_id, line_no, plant, location, item, lot, status, "
                    + "quantity) VALUES (?,?,?,?,?,?,?,?)", rows.stream().map(r -> {
                        StockKey k = r.movement().key();
                        return new Object[] {r.trackingId(), r.line(), k.plant(), k.location(), k.item(), k.lot(),
                                k.status().name(), r.movement().quantity()};
                    }).toList());
        }
    }

    void insertExceptions(List<ExceptionItem> items) {
        if (!items.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO pipeline_exception (" + EXCEPTION_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", items.stream().map(e -> new Object[] {e.id(),
                            e.trackingId(), e.position(), e.type(), e.plant(), e.reason().name(), clip(e.message()),
                            utc(e.raisedAt()), e.status().name(), e.decidedBy(),
                            e.decidedAt() == null ? null : utc(e.decidedAt())}).toList());
        }
    }

    void updateExceptions(List<ExceptionItem> items) {
        if (!items.isEmpty()) {
            jdbc.batchUpdate("UPDATE pipeline_exception SET reason = ?, message = ?, status = ?, decided_by = ?, "
                    + "decided_at = ? WHERE id = ?", items.stream().map(e -> new Object[] {e.reason().name(),
                    clip(e.message()), e.status().name(), e.decidedBy(), e.decidedAt() == null ? null : utc(e.decidedAt()),
                    e.id()}).toList());
        }
    }

    Optional<ExceptionItem> exception(UUID id) {
        return jdbc.query("SELECT " + EXCEPTION_COLUMNS + " FROM pipeline_exception WHERE id = ?",
                PipelineStore::exceptionRow, id).stream().findFirst();
    }

    /** Open exceptions whose reason is one of {@code reasons}, in acceptance order. */
    List<ExceptionItem> openExceptions(Set<Reason> reasons) {
        if (reasons.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(reasons.size(), "?"));
        Object[] names = reasons.stream().map(Reason::name).toArray();
        return jdbc.query("SELECT " + EXCEPTION_COLUMNS + " FROM pipeline_exception WHERE status = 'OPEN' AND reason IN ("
                + in + ") ORDER BY position", PipelineStore::exceptionRow, names);
    }

    /** A page of the queue, newest first; {@code status} null for every status. */
    List<ExceptionItem> exceptions(String status, int offset, int limit) {
        String where = status == null ? "" : " WHERE status = ?";
        Object[] args = status == null ? new Object[] {limit, offset} : new Object[] {status, limit, offset};
        return jdbc.query("SELECT " + EXCEPTION_COLUMNS + " FROM pipeline_exception" + where
                + " ORDER BY raised_at DESC, id LIMIT ? OFFSET ?", PipelineStore::exceptionRow, args);
    }

    /** A page of the queue matching every filter given, newest first. */
    List<ExceptionItem> exceptions(ExceptionFilter filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + EXCEPTION_COLUMNS + " FROM pipeline_exception" + where
                + " ORDER BY raised_at DESC, id LIMIT ? OFFSET ?", PipelineStore::exceptionRow, args.toArray());
    }

    long countExceptions(ExceptionFilter filter) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_exception" + where(filter, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    private static String where(ExceptionFilter filter, List<Object> args) {
        List<String> terms = new ArrayList<>();
        for (String[] eq : new String[][] {{"status", filter.status()}, {"plant", filter.plant()},
                {"reason", filter.reason()}, {"type", filter.type()}}) {
            if (eq[1] != null) {
                terms.add(eq[0] + " = ?");
                args.add(eq[1]);
            }
        }
        if (filter.raisedBefore() != null) {
            terms.add("raised_at < ?");
            args.add(utc(filter.raisedBefore()));
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    long countExceptions(String status) {
        Long n = status == null ? jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_exception", Long.class)
                : jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_exception WHERE status = ?", Long.class, status);
        return n == null ? 0 : n;
    }

    List<ExceptionItem> exceptionsOf(UUID trackingId) {
        return jdbc.query("SELECT " + EXCEPTION_COLUMNS + " FROM pipeline_exception WHERE tracking_id = ? "
                + "ORDER BY raised_at", PipelineStore::exceptionRow, trackingId);
    }

    List<Step> steps(UUID trackingId) {
        return jdbc.query("SELECT tracking_id, step, at, reason, message, actor FROM pipeline_step "
                + "WHERE tracking_id = ? ORDER BY step_seq", (rs, n) -> new Step(rs.getObject(1, UUID.class),
                Step.Kind.valueOf(rs.getString(2)), instant(rs, 3), reason(rs, 4), rs.getString(5),
                rs.getString(6)), trackingId);
    }

    List<Movement> movements(UUID trackingId) {
        return jdbc.query("SELECT plant, location, item, lot, status, quantity FROM pipeline_movement "
                + "WHERE tracking_id = ? ORDER BY line_no", (rs, n) -> new Movement(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6)), trackingId);
    }

    private static ExceptionItem exceptionRow(ResultSet rs, int n) throws SQLException {
        return new ExceptionItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                rs.getString(4), rs.getString(5), reason(rs, 6), rs.getString(7), instant(rs, 8),
                ExceptionStatus.valueOf(rs.getString(9)), rs.getString(10), instant(rs, 11));
    }

    /** Null where the row has no reason (a step that has none). */
    private static Reason reason(ResultSet rs, int column) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Reason.of(name);
    }

    private static String name(Reason reason) {
        return reason == null ? null : reason.name();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(joined.split("\n")));
    }

    private static String clip(String message) {
        return message == null || message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }
}
