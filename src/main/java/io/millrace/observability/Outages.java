package io.millrace.observability;

import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the hub notes the outages it sees, for the resilience figures: a module calls
 * {@link #began} when it loses what it depends on and {@link #ended} when it has it back. Noting
 * never fails the caller.
 */
public final class Outages {

    /** The ERP of record, as its delivery's circuit breaker sees it. */
    public static final String ERP = "ERP";

    private static final Logger LOG = LoggerFactory.getLogger(Outages.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Outages(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An outage of {@code kind} named {@code name} began now, unless one is open already. */
    public void began(String kind, String name) {
        try {
            jdbc.update("INSERT INTO ops_outage (kind, name, started_at) SELECT ?, ?, ? WHERE NOT EXISTS "
                            + "(SELECT 1 FROM ops_outage WHERE kind = ? AND name = ? AND ended_at IS NULL)",
                    kind, name, clock.instant().atOffset(ZoneOffset.UTC), kind, name);
        } catch (RuntimeException ex) {
            LOG.warn("could not note the outage of {} {}: {}", kind, name, ex.toString());
        }
    }

    /** The open outage of {@code kind} named {@code name} ended now. */
    public void ended(String kind, String name) {
        try {
            jdbc.update("UPDATE ops_outage SET ended_at = ? WHERE kind = ? AND name = ? AND ended_at IS NULL",
                    clock.instant().atOffset(ZoneOffset.UTC), kind, name);
        } catch (RuntimeException ex) {
            LOG.warn("could not note the end of the outage of {} {}: {}", kind, name, ex.toString());
        }
    }
}
