package io.millrace.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class OutagesTest {

    @Test
    void anOutageIsOpenedOnceAndClosedWhenItEnds() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            MovableClock clock = new MovableClock(Instant.parse("2026-12-03T08:00:00Z"));
            Outages outages = new Outages(jdbc, clock);

            outages.began(Outages.ERP, "tryton");
            clock.advance(Duration.ofSeconds(30));
            outages.began(Outages.ERP, "tryton");
            clock.advance(Duration.ofMinutes(2));
            outages.ended(Outages.ERP, "tryton");
            clock.advance(Duration.ofMinutes(1));
            outages.ended(Outages.ERP, "tryton");

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ops_outage", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT started_at FROM ops_outage", OffsetDateTime.class).toInstant())
                    .isEqualTo(Instant.parse("2026-12-03T08:00:00Z"));
            assertThat(jdbc.queryForObject("SELECT ended_at FROM ops_outage", OffsetDateTime.class).toInstant())
                    .isEqualTo(Instant.parse("2026-12-03T08:02:30Z"));
        }
    }
}
