package io.millrace.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.observability.FlowLatency.FlowKey;
import io.millrace.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How late each flow is, read from the tables the pipeline and the ERP delivery write: the slowest
 * event completed in the window, the oldest still waiting, exceptions left out; on H2 and PostgreSQL.
 */
class FlowLatenciesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final String RECEIPT = "mfg.procurement.goods.received";
    private static final String RELEASE = "mfg.production.order.released";

    private long position;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void eachFlowIsAsLateAsItsSlowestCompletedOrItsOldestWaitingEvent(TestDatabase.Kind kind) {
        if (kind == TestDatabase.Kind.POSTGRES) {
            TestDatabase.requirePostgres();
        }
        try (TestDatabase db = TestDatabase.create(kind)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            // P1 receipts: posted after 4 s and 70 s in the window, one after 900 s before it
            UUID fast = posted(jdbc, "P1", RECEIPT, NOW.minusSeconds(100), NOW.minusSeconds(96));
            UUID slow = posted(jdbc, "P1", RECEIPT, NOW.minusSeconds(200), NOW.minusSeconds(130));
            posted(jdbc, "P1", RECEIPT, NOW.minusSeconds(2000), NOW.minusSeconds(1100));
            // P1 releases: one waiting 45 s, one that became an exception after 600 s (left out)
            event(jdbc, "P1", RELEASE, NOW.minusSeconds(45), "PENDING");
            UUID failed = posted(jdbc, "P1", RELEASE, NOW.minusSeconds(700), NOW.minusSeconds(100));
            jdbc.update("INSERT INTO pipeline_exception (id, tracking_id, position, type, plant, reason, raised_at, "
                    + "status) VALUES (?, ?, 1, ?, 'P1', 'X', ?, 'RESOLVED')", UUID.randomUUID(), failed, RELEASE,
                    utc(NOW.minusSeconds(650)));
            // into the ERP: the fast receipt delivered 30 s after posting, the slow one still pending
            delivery(jdbc, fast, "DELIVERED", NOW.minusSeconds(66));
            delivery(jdbc, slow, "PENDING", NOW.minusSeconds(130));

            FlowLatencies latencies = new FlowLatencies(jdbc);
            Map<FlowKey, FlowLatency> current = latencies.current(NOW, Duration.ofMinutes(5));

            FlowLatency receipts = current.get(new FlowKey("P1", RECEIPT, SlaMeasure.ACCEPTED_TO_POSTED));
            assertThat(receipts.completed()).isEqualTo(2);
            assertThat(receipts.slowestCompleted()).isEqualTo(Duration.ofSeconds(70));
            assertThat(receipts.waiting()).isZero();
            assertThat(receipts.latency()).isEqualTo(Duration.ofSeconds(70));
            FlowLatency releases = current.get(new FlowKey("P1", RELEASE, SlaMeasure.ACCEPTED_TO_POSTED));
            assertThat(releases.completed()).as("the exception is left out").isZero();
            assertThat(releases.waiting()).isEqualTo(1);
            assertThat(releases.latency()).isEqualTo(Duration.ofSeconds(45));
            FlowLatency erp = current.get(new FlowKey("P1", RECEIPT, SlaMeasure.POSTED_TO_ERP));
            assertThat(erp.completed()).isEqualTo(1);
            assertThat(erp.slowestCompleted()).isEqualTo(Duration.ofSeconds(30));
            assertThat(erp.waiting()).isEqualTo(1);
            assertThat(erp.oldestWaiting()).isEqualTo(Duration.ofSeconds(130));

            // a second reading finds the waiting event again from where the first left off
            event(jdbc, "P2", RELEASE, NOW.minusSeconds(10), "PARKED");
            Map<FlowKey, FlowLatency> again = latencies.current(NOW, Duration.ofMinutes(5));
            assertThat(again.get(new FlowKey("P1", RELEASE, SlaMeasure.ACCEPTED_TO_POSTED)).waiting()).isEqualTo(1);
            assertThat(again.get(new FlowKey("P2", RELEASE, SlaMeasure.ACCEPTED_TO_POSTED)).oldestWaiting())
                    .isEqualTo(Duration.ofSeconds(10));
        }
    }

    private UUID posted(JdbcTemplate jdbc, String plant, String type, Instant accepted, Instant posted) {
        UUID id = event(jdbc, plant, type, accepted, "POSTED");
        jdbc.update("INSERT INTO pipeline_step (tracking_id, step, at) VALUES (?, 'POSTED', ?)", id, utc(posted));
        return id;
    }

    private UUID event(JdbcTemplate jdbc, String plant, String type, Instant accepted, String state) {
        UUID id = UUID.randomUUID();
        position++;
        jdbc.update("INSERT INTO event_log (position, tracking_id, source, event_id, type, plant, event_time, accepted_at,"
                        + " producer_key_id, content_hash, payload, state) VALUES (?, ?, 'urn:test', ?, ?, ?, ?, ?, 'k', 'h',"
                        + " '{}', ?)", position, id, "e-" + position, type, plant, utc(accepted), utc(accepted), state);
        jdbc.update("UPDATE event_log_head SET last_position = ? WHERE id = 1", position);
        return id;
    }

    private static void delivery(JdbcTemplate jdbc, UUID trackingId, String state, Instant updated) {
        jdbc.update("INSERT INTO erp_delivery (entry_id, position, tracking_id, plant, posting_date, data, state, "
                        + "attempts, created_at, updated_at) VALUES (?, 1, ?, 'P1', ?, '{}', ?, 1, ?, ?)",
                "JE-" + trackingId, trackingId, LocalDate.of(2026, 12, 3), state, utc(updated), utc(updated));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
