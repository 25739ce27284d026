package io.millrace.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.eventlog.EventTracing;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxTesting;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Lets tests of other modules deliver journal entries into an ERP held in memory, as the delivery worker would. */
public final class ErpTesting {

    private ErpTesting() {
    }

    /** An ERP in memory with Millrace's default chart and the worked example's parties. */
    public static InMemoryErp standardErp() {
        return InMemoryErpContractTest.standardChart(new InMemoryErp("memory:test"));
    }

    /** Delivers every journal entry published so far, one move each, on this thread, tracing with {@code tracing}. */
    public static void deliverAll(Outbox outbox, DataSource dataSource, Erp erp, Clock clock, EventTracing tracing) {
        OutboxTesting.sequence(outbox);
        DeliveryWorker worker = worker(erp, outbox, new ErpDeliveries(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource))), false, clock, tracing);
        for (int rounds = 0; rounds < 100 && worker.round() != null; rounds++) {
            // until the worker waits for new work
        }
    }

    static DeliveryWorker worker(Erp erp, Outbox outbox, ErpDeliveries deliveries, boolean summarise, Clock clock,
                                 EventTracing tracing) {
        ErpProperties defaults = ErpProperties.none();
        ErpProperties settings = new ErpProperties("none", null, "admin", null, "STO", Map.of(), Map.of(),
                ErpProperties.Mapping.defaults(), 7, summarise, Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(60),
                new ErpProperties.Retry(Duration.ofMillis(1), Duration.ofMillis(4)), defaults.circuitBreaker(), true);
        return new DeliveryWorker(erp, outbox, deliveries, settings, CircuitBreaker.ofDefaults("test"), clock,
                "test-" + UUID.randomUUID(), new ErpMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0, () -> 0),
                failure -> { }, tracing);
    }
}
