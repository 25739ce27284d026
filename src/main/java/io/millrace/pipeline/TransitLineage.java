package io.millrace.pipeline;

import io.millrace.accounting.event.TransferReceived;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts the receipt of a transfer between plants into the transfer's lineage: step
 * {@code TRANSFER_RECEIPT}, with the receipt's state as reason and, as message, the receiving plant
 * and the receipt's tracking id, so that the two steps of a transfer read as one path (ADR 0019).
 */
final class TransitLineage implements LineageSteps {

    static final String STEP = "TRANSFER_RECEIPT";

    private final JdbcTemplate jdbc;

    TransitLineage(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<Lineage.StepView> stepsOf(UUID trackingId) {
        return jdbc.query("SELECT tracking_id, plant, accepted_at, state FROM event_log "
                        + "WHERE source = ? AND event_id = ?",
                (rs, n) -> new Lineage.StepView(STEP, rs.getObject("accepted_at", OffsetDateTime.class).toInstant(),
                        rs.getString("state"), "received in plant " + rs.getString("plant") + " by event "
                        + rs.getObject("tracking_id"), "hub", new ArrayList<>(), new ArrayList<>(), new ArrayList<>()),
                TransferReceived.HUB_SOURCE, TransferReceived.eventId(trackingId.toString()));
    }
}
