package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.LotHeld;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.event.Disposition;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.posting.ReasonCode;
import io.millrace.eventlog.EventState;
import io.millrace.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parking across keys and within a key, as postings.md and ADR 0004 describe it. */
class ParkingAndOrderTest {

    private final PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10));

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void consumptionSentBeforeItsOrdersReleaseParksAndPostsOnceTheReleaseArrives() {
        rig.accept("P100", receipt(), transfer("600"));
        UUID consumed = rig.accept("P100", consumption("590")).get(0);
        rig.drain();
        assertThat(rig.state(consumed)).isEqualTo(EventState.PARKED);
        assertThat(rig.processor.parkedCount()).isEqualTo(1);

        rig.accept("P100", new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea"));
        rig.drain();

        assertThat(rig.state(consumed)).isEqualTo(EventState.POSTED);
        assertThat(rig.trialBalance()).containsEntry("P100/1450", "1180").containsEntry("P100/1400", "820");
        List<Lineage.StepView> lineage = rig.lineage.of(rig.log.find(consumed).orElseThrow());
        assertThat(lineage).extracting(Lineage.StepView::step).containsExactly("ACCEPTED", "PARKED", "POSTED");
        assertThat(lineage.get(1).reason()).isEqualTo("ORDER_NOT_RELEASED");
        Lineage.StepView posted = lineage.get(2);
        assertThat(posted.journalEntries()).hasSize(1);
        assertThat(posted.journalEntries().get(0).lines()).extracting(Lineage.LineView::account)
                .containsExactlyInAnyOrder("1450", "1400");
        assertThat(posted.movements()).singleElement()
                .satisfies(m -> assertThat(m.quantity()).isEqualByComparingTo("-590"));
        assertThat(posted.messages()).extracting(Publications.Published::type).contains("mfg.finance.journal.posted");
    }

    @Test
    void theEventsBehindAParkedOneInItsOrderKeyGoOn() {
        rig.accept("P100", new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea"));
        UUID consumed = rig.accept("P100", consumption("590")).get(0);
        UUID confirmed = rig.accept("P100",
                new OperationConfirmed("MO-1", "0010", "WC-PRESS", d("195"), d("400"), d("610"))).get(0);
        rig.drain();
        assertThat(rig.state(consumed)).isEqualTo(EventState.PARKED);
        assertThat(rig.state(confirmed)).isEqualTo(EventState.POSTED);

        rig.accept("P100", receipt(), transfer("600"));
        rig.drain();
        assertThat(rig.state(consumed)).isEqualTo(EventState.POSTED);
        assertThat(rig.trialBalance()).containsEntry("P100/1450", "1990");
    }

    @Test
    void anInvoiceBeforeItsReceiptParksAndPostsWhenTheGoodsArrive() {
        UUID invoice = rig.accept("P100", new InvoiceReceived("INV-9001", "S-ACME", "EUR",
                List.of(new InvoiceLine("4500001", 10, d("1000"), d("2.12"))))).get(0);
        rig.drain();
        assertThat(rig.state(invoice)).isEqualTo(EventState.PARKED);

        rig.accept("P100", receipt());
        rig.drain();
        assertThat(rig.state(invoice)).isEqualTo(EventState.POSTED);
        assertThat(rig.trialBalance()).containsEntry("P100/2100", "0").containsEntry("P100/2000", "-2120");
    }

    @Test
    void anOrderCloseWaitsForItsParkedConsumptionAndThenSettlesWipToZero() {
        rig.accept("P100", new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea"));
        UUID consumed = rig.accept("P100", consumption("590")).get(0);
        UUID closed = rig.accept("P100", new OrderClosed("MO-1")).get(0);
        rig.drain();
        assertThat(rig.state(consumed)).isEqualTo(EventState.PARKED);
        assertThat(rig.state(closed)).isEqualTo(EventState.PARKED);
        assertThat(rig.store.parkedRows()).filteredOn(r -> r.trackingId().equals(closed)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(Reason.Pipeline.EARLIER_EVENT_PARKED));

        rig.accept("P100", receipt(), transfer("600"));
        rig.drain();

        assertThat(rig.state(consumed)).isEqualTo(EventState.POSTED);
        assertThat(rig.state(closed)).isEqualTo(EventState.POSTED);
        assertThat(rig.orderStates()).containsEntry("order MO-1", "CLOSED 0.00");
        assertThat(rig.trialBalance()).containsEntry("P100/1450", "0").containsEntry("P100/5200", "1180");
    }

    @Test
    void laterEventsOfALotWaitBehindItsParkedEarlierEventSoARejectTakesTheHeldStock() {
        UUID held = rig.accept("P100", new LotHeld("RM-STEEL", "L-ST-1", "P100-RM", d("10"), "QC")).get(0);
        UUID rejected = rig.accept("P100",
                new LotRejected("RM-STEEL", "L-ST-1", "P100-RM", d("4"), Disposition.SCRAP, "QC")).get(0);
        rig.drain();
        assertThat(rig.state(held)).isEqualTo(EventState.PARKED);
        assertThat(rig.state(rejected)).isEqualTo(EventState.PARKED);

        rig.accept("P100", receipt());
        rig.drain();

        assertThat(rig.state(held)).isEqualTo(EventState.POSTED);
        assertThat(rig.state(rejected)).isEqualTo(EventState.POSTED);
        assertThat(rig.inventory()).containsEntry("P100/P100-RM/RM-STEEL/L-ST-1/BLOCKED", "6")
                .containsEntry("P100/P100-RM/RM-STEEL/L-ST-1/UNRESTRICTED", "990");
    }

    @Test
    void aParkedEventBecomesAnExceptionWithItsLastReasonAfterTheParkWindow() {
        UUID consumed = rig.accept("P100", consumption("590")).get(0);
        rig.drain();
        rig.clock.advance(Duration.ofMinutes(9));
        assertThat(rig.processor.expireParked()).isZero();
        rig.clock.advance(Duration.ofMinutes(2));
        assertThat(rig.processor.expireParked()).isEqualTo(1);

        assertThat(rig.state(consumed)).isEqualTo(EventState.EXCEPTION);
        assertThat(rig.queue.list("OPEN", 0, 10).items()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.of(ReasonCode.ORDER_NOT_RELEASED)));
        assertThat(rig.store.parkedRows()).isEmpty();
    }

    static GoodsReceived receipt() {
        return new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1000"), "kg", "P100-RM");
    }

    static StockTransferred transfer(String quantity) {
        return new StockTransferred("TR-1", "RM-STEEL", "L-ST-1", d(quantity), "kg", "P100-RM", "P100-LINE", null);
    }

    static MaterialConsumed consumption(String quantity) {
        return new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d(quantity), "kg", "P100-LINE");
    }
}
