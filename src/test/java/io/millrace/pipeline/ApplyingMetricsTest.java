package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The applier's own meters, which tell how much CPU applying an event costs and how much of an
 * applying transaction goes to waiting for the lane's lock rows.
 */
class ApplyingMetricsTest {

    @Test
    void recordsTheWallAndCpuTimeOfEveryApplyingTransactionAndItsWaitForLocks() {
        try (PipelineRig rig = new PipelineRig(TestDatabase.Kind.H2, WorkedExample.masterData(), Duration.ofMinutes(10))) {
            rig.accept("P100", ParkingAndOrderTest.receipt());
            rig.accept("P100", new OrderReleased("MO-1", "FG-BRACKET", new BigDecimal("100"), "ea"));
            rig.drain();

            Timer transactions = rig.meters.find("millrace.pipeline.transactions").timer();
            Timer locks = rig.meters.find("millrace.pipeline.lock.wait").timer();
            Counter cpu = rig.meters.find("millrace.pipeline.cpu").counter();
            assertThat(transactions).isNotNull();
            assertThat(transactions.count()).isPositive();
            assertThat(locks).isNotNull();
            assertThat(locks.count()).as("each transaction locks its lane once").isEqualTo(transactions.count());
            assertThat(locks.totalTime(TimeUnit.NANOSECONDS)).isPositive()
                    .isLessThanOrEqualTo(transactions.totalTime(TimeUnit.NANOSECONDS));
            assertThat(cpu).isNotNull();
            assertThat(cpu.count()).isPositive();
        }
    }
}
