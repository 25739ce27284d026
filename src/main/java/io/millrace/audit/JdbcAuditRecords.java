package io.millrace.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in the hub's database (tables {@code audit_record} and {@code audit_head}). An
 * append joins the caller's transaction when there is one, so an action and its record commit or
 * roll back together.
 */
public class JdbcAuditRecords implements AuditRecords {

    private static final String COLUMNS =
            "position, recorded_at, actor, action, subject, before_state, after_state, previous_hash, hash";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcAuditRecords(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public AuditRecord append(Instant recordedAt, String actor, String action, String subject, String before,
                              String after) {
        return transactions.execute(status -> {
            Head head = jdbc.queryForObject("SELECT position, hash FROM audit_head WHERE id = 1 FOR UPDATE",
                    (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
            long position = head.position() + 1;
            Instant at = AuditChain.storedTime(recordedAt);
            String hash = AuditChain.hash(position, at, actor, action, subject, before, after, head.hash());
            jdbc.update("INSERT INTO audit_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", position,
                    at.atOffset(ZoneOffset.UTC), actor, action, subject, before, after, head.hash(), hash);
            jdbc.update("UPDATE audit_head SET position = ?, hash = ? WHERE id = 1", position, hash);
            return new AuditRecord(position, at, actor, action, subject, before, after, head.hash(), hash);
        });
    }

    @Override
    public List<AuditRecord> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_record WHERE position > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.after());
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        if (q.subject() != null) {
            sql.append(" AND subject = ?");
            args.add(q.subject());
        }
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at < ?");
            args.add(q.to().atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY position LIMIT ?");
        args.add(q.limit());
        return jdbc.query(sql.toString(), JdbcAuditRecords::record, args.toArray());
    }

    @Override
    public List<AuditRecord> after(long position, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_record WHERE position > ? ORDER BY position LIMIT ?",
                JdbcAuditRecords::record, position, limit);
    }

    @Override
    public Head head() {
        return jdbc.queryForObject("SELECT position, hash FROM audit_head WHERE id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    private static AuditRecord record(ResultSet rs, int n) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }
}
