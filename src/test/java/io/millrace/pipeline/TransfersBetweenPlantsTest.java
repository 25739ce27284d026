package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.Plant;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A transfer between plants through the pipeline: the sending plant ships into transit, the hub
 * publishes the receipt into the log for the receiving plant, whose lane applies it in its own
 * order, and an event of the receiving plant that needs the stock waits for it.
 */
class TransfersBetweenPlantsTest {

    private final InMemoryMasterData master = WorkedExample.masterData().put(new Plant("P200", "Second plant"))
            .put(new Location("P200-RM", "P200", LocationRole.STORE))
            .put(new Location("P200-LINE", "P200", LocationRole.SUPPLY));
    private final PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, master, Duration.ofMinutes(10));
    private final TransitReceipts receipts = new TransitReceipts(rig.database.dataSource(), rig.log,
            new PipelineSettings(Duration.ofMinutes(10), 200, Duration.ofMillis(100), false));
    private final JdbcTemplate jdbc = new JdbcTemplate(rig.database.dataSource());

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void theReceivingPlantTakesTheStockInWithTheHubsReceiptAndWhatWaitedForItPosts() {
        rig.accept("P100", new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-1", d("100"), "kg", "P100-RM"));
        UUID shipped = rig.accept("P100", new StockTransferred("TR-1", "RM-STEEL", "L-1", d("40"), "kg", "P100-RM",
                "P200-RM", "P200")).get(0);
        UUID moveOn = rig.accept("P200", new StockTransferred("TR-2", "RM-STEEL", "L-1", d("15"), "kg", "P200-RM",
                "P200-LINE", null)).get(0);
        rig.drain();

        assertThat(rig.state(shipped)).isEqualTo(EventState.POSTED);
        assertThat(rig.state(moveOn)).as("the lot is still on its way").isEqualTo(EventState.PARKED);
        assertThat(rig.trialBalance()).containsEntry("P200/1470", "80").containsEntry("P100/1400", "120");
        assertThat(rig.ledger.transfersInTransit("P200")).singleElement()
                .satisfies(t -> assertThat(t.transferTrackingId()).isEqualTo(shipped.toString()));

        assertThat(receipts.publishPending()).isEqualTo(1);
        assertThat(receipts.publishPending()).as("published once").isZero();
        rig.drain();

        LoggedEvent receipt = rig.log.readAfter(0, 100).stream()
                .filter(e -> e.type().equals(TransferReceived.TYPE)).findFirst().orElseThrow();
        assertThat(receipt.source()).isEqualTo(TransferReceived.HUB_SOURCE);
        assertThat(receipt.plant()).isEqualTo("P200");
        assertThat(receipt.id()).isEqualTo("transfer-received-" + shipped);
        assertThat(rig.state(receipt.trackingId())).isEqualTo(EventState.POSTED);
        assertThat(rig.state(moveOn)).isEqualTo(EventState.POSTED);
        assertThat(rig.trialBalance()).containsEntry("P200/1470", "0").containsEntry("P200/1400", "80")
                .containsEntry("P100/1400", "120");
        assertThat(rig.inventory()).containsEntry("P200/P200-RM/RM-STEEL/L-1/UNRESTRICTED", "25")
                .containsEntry("P200/P200-LINE/RM-STEEL/L-1/UNRESTRICTED", "15")
                .containsEntry("P100/P100-RM/RM-STEEL/L-1/UNRESTRICTED", "60");
        assertThat(rig.ledger.transfersInTransit(null)).isEmpty();
    }

    @Test
    void aReceiptPublishedAgainAfterACrashIsADuplicateAndPostsOnce() {
        rig.accept("P100", new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-1", d("100"), "kg", "P100-RM"));
        rig.accept("P100", new StockTransferred("TR-1", "RM-STEEL", "L-1", d("40"), "kg", "P100-RM", "P200-RM",
                "P200"));
        rig.drain();
        assertThat(receipts.publishPending()).isEqualTo(1);
        // a hub that died between appending the receipt and noting it, or a second instance that read
        // the shipment at the same moment, publishes it again
        jdbc.update("UPDATE ledger_transfer_in_transit SET receipt_tracking_id = NULL");

        assertThat(receipts.publishPending()).as("the log knows the receipt").isZero();
        rig.drain();
        assertThat(receipts.publishPending()).as("received: nothing left to publish").isZero();

        assertThat(rig.log.readAfter(0, 100)).filteredOn(e -> e.type().equals(TransferReceived.TYPE)).hasSize(1);
        assertThat(rig.entriesPerEvent()).allSatisfy((event, entries) -> assertThat(entries).isEqualTo(1L));
        assertThat(rig.trialBalance()).containsEntry("P200/1470", "0").containsEntry("P200/1400", "80");
    }
}
