package io.millrace.observability;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notes the hub's backlogs every so often (events accepted and not yet taken up, journal entries
 * not yet in the ERP), so that the resilience figures can tell the peak of an outage and how long
 * the hub took to drain it.
 */
final class BacklogSamples {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    BacklogSamples(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void sample() {
        Long events = jdbc.queryForObject("SELECT COALESCE(SUM(events), 0) FROM event_log_state_count "
                + "WHERE state IN ('PENDING', 'PARKED')", Long.class);
        Long erp = jdbc.queryForObject("SELECT COUNT(*) FROM erp_delivery WHERE state = 'PENDING'", Long.class);
        jdbc.update("INSERT INTO ops_backlog_sample (at, events, erp_deliveries) VALUES (?, ?, ?)",
                clock.instant().atOffset(ZoneOffset.UTC), events, erp);
    }
}
