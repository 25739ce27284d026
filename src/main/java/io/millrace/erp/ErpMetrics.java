package io.millrace.erp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The ERP's meters: {@code millrace.erp.delivered} (moves posted in the ERP),
 * {@code millrace.erp.delivery.failures} (attempts that found the ERP unavailable),
 * {@code millrace.erp.delivery.refused} (moves the ERP refused), {@code millrace.erp.backlog}
 * (entries not delivered yet), {@code millrace.erp.lag.seconds} (age of the oldest of them),
 * {@code millrace.erp.connected} (1 when the last call reached the ERP) and
 * {@code millrace.erp.sync.refusals} (reference records not taken at the last synchronisation).
 */
final class ErpMetrics {

    private final Counter delivered;
    private final Counter failures;
    private final Counter refused;
    private final Counter syncRefusals;

    ErpMetrics(MeterRegistry meters, Supplier<Number> backlog, Supplier<Number> lagSeconds,
               Supplier<Number> connected) {
        delivered = Counter.builder("millrace.erp.delivered").description("Moves posted in the ERP").register(meters);
        failures = Counter.builder("millrace.erp.delivery.failures")
                .description("Delivery attempts that found the ERP unavailable").register(meters);
        refused = Counter.builder("millrace.erp.delivery.refused").description("Moves the ERP refused")
                .register(meters);
        syncRefusals = Counter.builder("millrace.erp.sync.refusals")
                .description("ERP reference records that could not be taken").register(meters);
        Gauge.builder("millrace.erp.backlog", backlog).description("Journal entries not delivered into the ERP yet")
                .register(meters);
        Gauge.builder("millrace.erp.lag.seconds", lagSeconds)
                .description("Age of the oldest journal entry not delivered yet").register(meters);
        Gauge.builder("millrace.erp.connected", connected).description("1 when the last ERP call reached it")
                .register(meters);
    }

    void delivered(int moves) {
        delivered.increment(moves);
    }

    void failure() {
        failures.increment();
    }

    void refused() {
        refused.increment();
    }

    void syncRefusals(int count) {
        syncRefusals.increment(count);
    }
}
