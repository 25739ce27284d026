package io.millrace.pipeline;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.posting.ReasonCode;
import io.millrace.eventlog.EventState;
import io.millrace.testing.TestDatabase;
import io.millrace.web.ApiProblem;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The exception queue: retry after a master-data fix, approve and discard with the actor recorded. */
class ExceptionQueueTest {

    private final InMemoryMasterData master = WorkedExample.masterData();
    private final PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, master, Duration.ofMinutes(10));

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void anUnknownItemIsAnExceptionThatPostsOnceMasterDataKnowsIt() {
        UUID event = rig.accept("P100", new GoodsReceived("GR-9", "4500001", 10, "RM-NEW", "L-N-1", d("5"), "kg",
                "P100-RM")).get(0);
        rig.drain();
        ExceptionItem raised = rig.queue.list("OPEN", 0, 10).items().get(0);
        assertThat(raised.reason()).isEqualTo(Reason.of(ReasonCode.UNKNOWN_ITEM));
        assertThat(rig.state(event)).isEqualTo(EventState.EXCEPTION);

        ExceptionItem stillOpen = rig.queue.retry(raised.id(), "key:op-1");
        assertThat(stillOpen.status()).isEqualTo(ExceptionStatus.OPEN);

        master.put(new Item("RM-NEW", "New steel", ValuationClass.RAW, "kg", d("2.00")));
        rig.processor.retryAfterMasterDataChange();

        assertThat(rig.state(event)).isEqualTo(EventState.EXCEPTION);
        ExceptionItem after = rig.store.exception(raised.id()).orElseThrow();
        // the PO line is RM-STEEL: the now known item is still the wrong one, with a new reason
        assertThat(after.reason()).isEqualTo(Reason.of(ReasonCode.REFERENCE_MISMATCH));
        assertThat(after.status()).isEqualTo(ExceptionStatus.OPEN);
    }

    @Test
    void anExceptionRetriedAfterItsCauseWasFixedPostsAndIsResolvedByTheOperator() {
        UUID event = rig.accept("P100", new GoodsReceived("GR-9", "4500009", 10, "RM-STEEL", "L-N-1", d("5"), "kg",
                "P100-RM")).get(0);
        rig.drain();
        ExceptionItem raised = rig.queue.list("OPEN", 0, 10).items().get(0);
        assertThat(raised.reason()).isEqualTo(Reason.of(ReasonCode.UNKNOWN_PURCHASE_ORDER));

        master.put(new io.millrace.accounting.master.PurchaseOrder("4500009", "S-ACME", "P100",
                List.of(new io.millrace.accounting.master.PurchaseOrderLine(10, "RM-STEEL", d("10"), d("2.00")))));
        ExceptionItem resolved = rig.queue.retry(raised.id(), "key:op-1");

        assertThat(resolved.status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(resolved.decidedBy()).isEqualTo("key:op-1");
        assertThat(rig.state(event)).isEqualTo(EventState.POSTED);
        assertThat(rig.lineage.of(rig.log.find(event).orElseThrow())).extracting(Lineage.StepView::step)
                .containsExactly("ACCEPTED", "EXCEPTION_RAISED", "RETRIED", "POSTED");
        assertThatThrownBy(() -> rig.queue.retry(raised.id(), "key:op-1"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void anOperatorApprovesAFailedThreeWayMatchAndThePostingCarriesTheirIdentity() {
        rig.accept("P100", ParkingAndOrderTest.receipt());
        UUID invoice = rig.accept("P100", new InvoiceReceived("INV-1", "S-ACME", "EUR",
                List.of(new InvoiceLine("4500001", 10, d("1000"), d("3.00"))))).get(0);
        rig.drain();
        ExceptionItem raised = rig.queue.list("OPEN", 0, 10).items().get(0);
        assertThat(raised.reason()).isEqualTo(Reason.of(ReasonCode.THREE_WAY_MATCH_FAILED));

        ExceptionItem approved = rig.queue.approve(raised.id(), "key:op-7");

        assertThat(approved.status()).isEqualTo(ExceptionStatus.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("key:op-7");
        assertThat(rig.state(invoice)).isEqualTo(EventState.POSTED);
        assertThat(rig.ledger.journalOf(invoice.toString())).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("key:op-7"));
        assertThat(rig.trialBalance()).containsEntry("P100/2000", "-3000");
        List<Lineage.StepView> lineage = rig.lineage.of(rig.log.find(invoice).orElseThrow());
        assertThat(lineage).extracting(Lineage.StepView::step)
                .containsExactly("ACCEPTED", "EXCEPTION_RAISED", "APPROVED", "POSTED");
        assertThat(lineage.get(2).actor()).isEqualTo("key:op-7");
        assertThat(lineage.stream().flatMap(s -> s.messages().stream()).map(Publications.Published::type))
                .contains("mfg.integration.exception.raised", "mfg.integration.exception.resolved",
                        "mfg.finance.journal.posted");
    }

    @Test
    void anOperatorDiscardsAFailedMatchAndTheEventStaysAnExceptionWithTheDecisionRecorded() {
        rig.accept("P100", ParkingAndOrderTest.receipt());
        UUID invoice = rig.accept("P100", new InvoiceReceived("INV-1", "S-ACME", "EUR",
                List.of(new InvoiceLine("4500001", 10, d("1000"), d("3.00"))))).get(0);
        rig.drain();
        ExceptionItem raised = rig.queue.list("OPEN", 0, 10).items().get(0);

        ExceptionItem discarded = rig.queue.discard(raised.id(), "key:op-8");

        assertThat(discarded.status()).isEqualTo(ExceptionStatus.DISCARDED);
        assertThat(discarded.decidedBy()).isEqualTo("key:op-8");
        assertThat(discarded.decidedAt()).isNotNull();
        assertThat(rig.state(invoice)).isEqualTo(EventState.EXCEPTION);
        assertThat(rig.queue.list("OPEN", 0, 10).items()).isEmpty();
        assertThat(rig.trialBalance()).doesNotContainKey("P100/2000");
        assertThatThrownBy(() -> rig.queue.approve(raised.id(), "key:op-8"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void onlyApprovableReasonsCanBeApprovedAndUnknownIdsAreNotFound() {
        rig.accept("P100", new GoodsReceived("GR-9", "4500009", 10, "RM-STEEL", "L-N-1", d("5"), "kg", "P100-RM"));
        rig.drain();
        ExceptionItem raised = rig.queue.list("OPEN", 0, 10).items().get(0);

        assertThatThrownBy(() -> rig.queue.approve(raised.id(), "key:op-1"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> rig.queue.discard(UUID.randomUUID(), "key:op-1"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(rig.store.exception(raised.id()).orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
    }
}
