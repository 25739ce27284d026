package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.eventlog.EventState;
import io.millrace.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two major versions of one type reach the posting rules in one shape: a v1 consumption (no
 * {@code dataschema}, no operation), upcast by the catalog, posts exactly as the same consumption
 * sent as v2 with an operation number.
 */
class VersionedConsumptionTest {

    private final PipelineRig v1Books = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10));
    private final PipelineRig v2Books = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10));

    @AfterEach
    void close() {
        v1Books.close();
        v2Books.close();
    }

    @Test
    void anUpcastV1ConsumptionAndAV2ConsumptionPostTheSame() {
        for (PipelineRig rig : List.of(v1Books, v2Books)) {
            rig.accept("P100", ParkingAndOrderTest.receipt(), ParkingAndOrderTest.transfer("600"),
                    new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea"));
        }
        ObjectNode v1 = consumption();
        ObjectNode v2 = consumption();
        v2.put("dataschema", "urn:millrace:schema:mfg.production.material.consumed:2");
        ((ObjectNode) v2.get("data")).put("operation", "0020");

        UUID fromV1 = v1Books.acceptNodes(List.of(v1)).get(0);
        UUID fromV2 = v2Books.acceptNodes(List.of(v2)).get(0);
        v1Books.drain();
        v2Books.drain();

        assertThat(v1Books.state(fromV1)).isEqualTo(EventState.POSTED);
        assertThat(v2Books.state(fromV2)).isEqualTo(EventState.POSTED);
        assertThat(journal(v2Books)).isEqualTo(journal(v1Books))
                .anySatisfy(line -> assertThat(line).contains("Material consumed: 590 kg RM-STEEL").contains("1450"));
        assertThat(v2Books.trialBalance()).isEqualTo(v1Books.trialBalance()).containsEntry("P100/1450", "1180");
        assertThat(v2Books.inventory()).isEqualTo(v1Books.inventory());
        assertThat(v2Books.orderStates()).isEqualTo(v1Books.orderStates());
    }

    @Test
    void aV1ConsumptionThatCarriesAnOperationIsRefusedAsV1DataIsClosed() {
        ObjectNode v1 = consumption();
        ((ObjectNode) v1.get("data")).put("operation", "0020");

        assertThat(PipelineRig.CATALOG.validate(v1)).singleElement()
                .satisfies(e -> assertThat(e.pointer()).isEqualTo("/data/operation"));
    }

    private static ObjectNode consumption() {
        return PipelineRig.cloudEvent(new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("590"), "kg", "P100-LINE"),
                "mes-consumed-1", "P100", Instant.parse("2026-11-02T09:00:00Z"));
    }

    /** Every journal line with its entry's text and source event, in posting order. */
    private static List<String> journal(PipelineRig rig) {
        List<String> lines = new ArrayList<>();
        new JdbcTemplate(rig.database.dataSource()).query("""
                SELECT e.entry_text, e.source_event_id, e.event_type, e.period, l.line_no, l.account, l.debit,
                       l.credit, l.plant, l.order_id, l.item, l.lot
                FROM ledger_journal_entry e JOIN ledger_journal_line l ON l.entry_id = e.entry_id
                ORDER BY e.entry_seq, l.line_no""", rs -> {
            StringBuilder line = new StringBuilder();
            for (int column = 1; column <= 12; column++) {
                line.append(rs.getString(column)).append(" | ");
            }
            lines.add(line.toString());
        });
        return lines;
    }
}
