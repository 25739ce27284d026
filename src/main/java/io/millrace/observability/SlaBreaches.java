package io.millrace.observability;

import io.millrace.observability.FlowLatency.FlowKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The breaches open now, one row per plant, flow and measure. Rows are only added when absent and
 * only removed when present, in the transaction that writes the alert, so instances evaluating
 * side by side raise and clear each breach once.
 */
final class SlaBreaches {

    /** An open breach: since when, and how late it was then. */
    record Breach(Instant raisedAt, Duration latency, Duration threshold) {
    }

    private final JdbcTemplate jdbc;

    SlaBreaches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<FlowKey, Breach> open() {
        Map<FlowKey, Breach> open = new LinkedHashMap<>();
        jdbc.query("SELECT plant, flow, measure, raised_at, latency_ms, threshold_ms FROM sla_breach "
                + "ORDER BY plant, flow, measure", rs -> {
            open.put(new FlowKey(rs.getString(1), rs.getString(2), SlaMeasure.valueOf(rs.getString(3))),
                    new Breach(rs.getObject(4, OffsetDateTime.class).toInstant(), Duration.ofMillis(rs.getLong(5)),
                            Duration.ofMillis(rs.getLong(6))));
        });
        return open;
    }

    /** False when another instance raised it first. */
    boolean raise(FlowKey key, Instant at, Duration latency, Duration threshold) {
        try {
            return jdbc.update("INSERT INTO sla_breach (plant, flow, measure, raised_at, latency_ms, threshold_ms) "
                            + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sla_breach "
                            + "WHERE plant = ? AND flow = ? AND measure = ?)",
                    key.plant(), key.flow(), key.measure().name(), at.atOffset(ZoneOffset.UTC), latency.toMillis(),
                    threshold.toMillis(), key.plant(), key.flow(), key.measure().name()) == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** False when another instance cleared it first. */
    boolean clear(FlowKey key) {
        return jdbc.update("DELETE FROM sla_breach WHERE plant = ? AND flow = ? AND measure = ?",
                key.plant(), key.flow(), key.measure().name()) == 1;
    }
}
