package io.millrace.observability;

import io.millrace.observability.FlowLatency.FlowKey;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads how late every plant's flows are from the event log, the lineage steps and the ERP
 * deliveries. Events that went through the exception queue are left out: how long they took is
 * the exception's resolution time, not the flow's speed. The oldest waiting events are looked for
 * from the lowest position that still waited at the last reading (or the log's head then), so a
 * reading never scans the whole log after the first.
 */
final class FlowLatencies {

    private static final String POSTED_IN_WINDOW = "SELECT e.plant, e.type, COUNT(*) AS n, "
            + "MAX(EXTRACT(EPOCH FROM s.at) - EXTRACT(EPOCH FROM e.accepted_at)) AS slowest "
            + "FROM pipeline_step s JOIN event_log e ON e.tracking_id = s.tracking_id "
            + "WHERE s.step = 'POSTED' AND s.at > ? AND s.at <= ? "
            + "AND NOT EXISTS (SELECT 1 FROM pipeline_exception x WHERE x.tracking_id = s.tracking_id) "
            + "GROUP BY e.plant, e.type";
    private static final String WAITING = "SELECT plant, type, COUNT(*) AS n, MIN(accepted_at) AS oldest, "
            + "MIN(position) AS first_position FROM event_log "
            + "WHERE position > ? AND state IN ('PENDING', 'PARKED') GROUP BY plant, type";
    private static final String DELIVERED_IN_WINDOW = "SELECT d.plant, e.type, COUNT(*) AS n, "
            + "MAX(EXTRACT(EPOCH FROM d.updated_at) - EXTRACT(EPOCH FROM p.at)) AS slowest "
            + "FROM erp_delivery d JOIN event_log e ON e.tracking_id = d.tracking_id "
            + "JOIN pipeline_step p ON p.tracking_id = d.tracking_id AND p.step = 'POSTED' "
            + "WHERE d.state = 'DELIVERED' AND d.updated_at > ? AND d.updated_at <= ? GROUP BY d.plant, e.type";
    /** Refused entries wait too: for an operator to fix the cause and retry. */
    private static final String UNDELIVERED = "SELECT d.plant, e.type, COUNT(*) AS n, MIN(p.at) AS oldest "
            + "FROM erp_delivery d JOIN event_log e ON e.tracking_id = d.tracking_id "
            + "JOIN pipeline_step p ON p.tracking_id = d.tracking_id AND p.step = 'POSTED' "
            + "WHERE d.state IN ('PENDING', 'REFUSED') GROUP BY d.plant, e.type";

    private final JdbcTemplate jdbc;
    private volatile long waitingFrom;

    FlowLatencies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every plant, flow and measure with an event completed in {@code (now - window, now]} or waiting now. */
    Map<FlowKey, FlowLatency> current(Instant now, Duration window) {
        Map<FlowKey, Builder> found = new LinkedHashMap<>();
        OffsetDateTime to = utc(now);
        OffsetDateTime from = utc(now.minus(window));
        jdbc.query(POSTED_IN_WINDOW, rs -> {
            completed(found, rs, SlaMeasure.ACCEPTED_TO_POSTED);
        }, from, to);
        waiting(found, now);
        jdbc.query(DELIVERED_IN_WINDOW, rs -> {
            completed(found, rs, SlaMeasure.POSTED_TO_ERP);
        }, from, to);
        jdbc.query(UNDELIVERED, rs -> {
            Builder b = builder(found, rs, SlaMeasure.POSTED_TO_ERP);
            b.waiting = rs.getLong("n");
            b.oldestWaiting = age(rs.getObject("oldest", OffsetDateTime.class), now);
        });
        Map<FlowKey, FlowLatency> result = new LinkedHashMap<>();
        found.forEach((key, b) -> result.put(key, b.build(key)));
        return result;
    }

    private void waiting(Map<FlowKey, Builder> found, Instant now) {
        Long head = jdbc.queryForObject("SELECT last_position FROM event_log_head WHERE id = 1", Long.class);
        List<Long> firstPositions = new ArrayList<>();
        jdbc.query(WAITING, rs -> {
            Builder b = builder(found, rs, SlaMeasure.ACCEPTED_TO_POSTED);
            b.waiting = rs.getLong("n");
            b.oldestWaiting = age(rs.getObject("oldest", OffsetDateTime.class), now);
            firstPositions.add(rs.getLong("first_position"));
        }, waitingFrom);
        long next = head == null ? 0 : head;
        for (long p : firstPositions) {
            next = Math.min(next, p - 1);
        }
        waitingFrom = Math.max(waitingFrom, next);
    }

    private static void completed(Map<FlowKey, Builder> found, ResultSet rs, SlaMeasure measure) throws SQLException {
        Builder b = builder(found, rs, measure);
        b.completed = rs.getLong("n");
        BigDecimal seconds = rs.getBigDecimal("slowest");
        b.slowestCompleted = seconds == null || seconds.signum() < 0 ? Duration.ZERO
                : Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static Builder builder(Map<FlowKey, Builder> found, ResultSet rs, SlaMeasure measure)
            throws SQLException {
        return found.computeIfAbsent(new FlowKey(rs.getString(1), rs.getString(2), measure), k -> new Builder());
    }

    private static Duration age(OffsetDateTime since, Instant now) {
        if (since == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(since.toInstant(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static final class Builder {
        Duration slowestCompleted = Duration.ZERO;
        long completed;
        Duration oldestWaiting = Duration.ZERO;
        long waiting;

        FlowLatency build(FlowKey key) {
            return new FlowLatency(key.plant(), key.flow(), key.measure(), slowestCompleted, completed,
                    oldestWaiting, waiting);
        }
    }
}
