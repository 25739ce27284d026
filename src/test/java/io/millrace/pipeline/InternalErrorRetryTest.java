package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.WorkedExample;
import io.millrace.eventlog.EventState;
import io.millrace.testing.TestDatabase;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.posting.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An INTERNAL_ERROR exception that remains is retried by the hub itself: after a minute, then
 * twice as long after each retry that fails again; a healthy event so isolated posts at the first
 * retry, with the hub as the actor.
 */
class InternalErrorRetryTest {

    private final PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(),
            Duration.ofMinutes(10));

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aHealthyEventIsolatedAsAnInternalErrorPostsWhenTheHubRetriesItAMinuteLater() {
        UUID event = rig.accept("P100", ParkingAndOrderTest.receipt()).get(0);
        rig.processor.isolate("IllegalStateException: a passing failure of the machinery");
        ExceptionItem raised = rig.queue.list("OPEN", 0, 10).items().get(0);
        assertThat(raised.reason()).isEqualTo(Reason.Pipeline.INTERNAL_ERROR);
        assertThat(rig.state(event)).isEqualTo(EventState.EXCEPTION);

        rig.clock.advance(Duration.ofSeconds(30));
        assertThat(rig.processor.retryInternalErrors()).as("not due before a minute").isZero();
        assertThat(rig.state(event)).isEqualTo(EventState.EXCEPTION);

        rig.clock.advance(Duration.ofSeconds(31));
        assertThat(rig.processor.retryInternalErrors()).isEqualTo(1);

        assertThat(rig.state(event)).isEqualTo(EventState.POSTED);
        ExceptionItem resolved = rig.store.exception(raised.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(ExceptionStatus.RESOLVED);
        assertThat(resolved.decidedBy()).isEqualTo("hub");
        assertThat(rig.lineage.of(rig.log.find(event).orElseThrow())).extracting(Lineage.StepView::step)
                .containsExactly("ACCEPTED", "EXCEPTION_RAISED", "RETRIED", "POSTED");
    }

    @Test
    void anIsolatedEventWhoseRetryMeetsABusinessReasonBecomesThatExceptionAndIsNotRetriedAgain() {
        UUID stuck = rig.accept("P100", new GoodsReceived("GR-10", "4500010", 10, "RM-STEEL", "L-N-1",
                WorkedExample.d("5"), "kg", "P100-RM")).get(0);
        rig.processor.isolate("IllegalStateException: broken");
        assertThat(rig.state(stuck)).isEqualTo(EventState.EXCEPTION);

        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(rig.processor.retryInternalErrors()).isEqualTo(1);
        rig.clock.advance(Duration.ofHours(2));
        assertThat(rig.processor.retryInternalErrors()).isZero();

        assertThat(rig.queue.list("OPEN", 0, 10).items()).extracting(ExceptionItem::reason)
                .containsExactly(Reason.of(ReasonCode.UNKNOWN_PURCHASE_ORDER));
    }

    @Test
    void anInternalErrorThatStaysIsRetriedTwiceAsLateEachTimeUpToAnHour() {
        InternalErrorRetries retries = new InternalErrorRetries();
        Instant raised = Instant.parse("2026-11-30T12:00:00Z");
        List<ExceptionItem> open = List.of(new ExceptionItem(UUID.randomUUID(), UUID.randomUUID(), 7, "t", "P100",
                Reason.Pipeline.INTERNAL_ERROR, "broken", raised, ExceptionStatus.OPEN, null, null));
        List<Long> retriedAtMinutes = new ArrayList<>();
        for (long minute = 0; minute <= 6 * 60; minute++) {
            if (!retries.due(open, raised.plus(Duration.ofMinutes(minute))).isEmpty()) {
                retriedAtMinutes.add(minute);
            }
        }
        assertThat(retriedAtMinutes).startsWith(1L, 3L, 7L, 15L, 31L, 63L, 123L, 183L, 243L, 303L);

        assertThat(retries.due(List.of(), raised.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(retries.due(open, raised.plus(Duration.ofDays(1)))).as("forgotten once decided: due at once")
                .hasSize(1);
    }
}
