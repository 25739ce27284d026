package io.millrace.intake;

import io.millrace.catalog.EventJson;
import io.millrace.eventlog.Receipt;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@link EventOrigins} in the hub's database (table {@code event_origin}). */
final class JdbcEventOrigins implements EventOrigins {

    private static final String INSERT = "INSERT INTO event_origin (tracking_id, channel, binding, binding_version, "
            + "topic, file_name, row_index, received_at, message, conversions) "
            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
            + "(SELECT 1 FROM event_origin WHERE tracking_id = ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = EventJson.mapper();

    JdbcEventOrigins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(List<Receipt> receipts, List<EventOrigin> origins) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            EventOrigin o = origins.get(i);
            if (o == null) {
                continue;
            }
            UUID id = receipts.get(i).trackingId();
            rows.add(new Object[] {id, o.channel(), o.binding(), o.bindingVersion(), o.topic(), o.file(), o.row(),
                    Timestamp.from(o.receivedAt()), (o.base64() ? "base64:" : "text:") + o.message(),
                    o.conversions().isEmpty() ? null : json.writeValueAsString(o.conversions()), id});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    @Override
    public Optional<EventOrigin> find(UUID trackingId) {
        return jdbc.query("SELECT channel, binding, binding_version, topic, file_name, row_index, received_at, "
                + "message, conversions FROM event_origin WHERE tracking_id = ?", (rs, n) -> {
                    String message = rs.getString(8);
                    boolean base64 = message.startsWith("base64:");
                    String conversions = rs.getString(9);
                    Integer row = rs.getObject(6) == null ? null : rs.getInt(6);
                    return new EventOrigin(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), row, rs.getTimestamp(7).toInstant(),
                            message.substring(message.indexOf(':') + 1), base64,
                            conversions == null ? List.of()
                                    : Arrays.asList(json.readValue(conversions, EventOrigin.Conversion[].class)));
                }, trackingId).stream().findFirst();
    }
}
