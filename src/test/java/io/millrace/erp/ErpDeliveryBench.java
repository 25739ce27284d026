package io.millrace.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import io.millrace.erp.tryton.TrytonClient;
import io.millrace.erp.tryton.TrytonErp;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxProperties;
import io.millrace.outbox.OutboxTesting;
import io.millrace.testing.TestDatabase;
import io.millrace.testing.TrytonServer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many journal entries per second the delivery puts into a real Tryton, one move per entry
 * and summarised per plant and day. A benchmark, not a test: run from the test classpath with
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.millrace.erp.ErpDeliveryBench [entries]}.
 */
public final class ErpDeliveryBench {

    private ErpDeliveryBench() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf("per entry:  %s%n", run(entries, false));
        System.out.printf("summarised: %s%n", run(entries, true));
        System.exit(0);
    }

    private static String run(int entries, boolean summarise) {
        try (TrytonServer tryton = TrytonServer.start(); TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2)) {
            TrytonClient client = new TrytonClient(tryton.url(), "admin", TrytonServer.ADMIN_PASSWORD,
                    Duration.ofSeconds(5), Duration.ofSeconds(120));
            TrytonTestData.parties(client, Map.of("C-BETA", "Beta Machines"));
            Erp erp = new TrytonErp(client, "STO", ReferenceMapping.defaults());
            Outbox outbox = new Outbox(db.dataSource(), Clock.systemUTC(), OutboxProperties.defaults(List.of()));
            ErpDeliveries deliveries = new ErpDeliveries(new JdbcTemplate(db.dataSource()),
                    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())));
            List<JournalEntry> journal = new ArrayList<>();
            LocalDate first = LocalDate.of(2026, 11, 2);
            for (int i = 0; i < entries; i++) {
                journal.add(entry(first.plusDays(i % 20), i));
            }
            OutboxTesting.publish(outbox, journal);
            ErpProperties defaults = ErpProperties.none();
            ErpProperties settings = new ErpProperties("none", null, "admin", null, "STO", Map.of(), Map.of(),
                    ErpProperties.Mapping.defaults(), 50, summarise, Duration.ofHours(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofMillis(100), Duration.ofMinutes(5),
                    defaults.retry(), defaults.circuitBreaker(), true);
            DeliveryWorker worker = new DeliveryWorker(erp, outbox, deliveries, settings,
                    CircuitBreaker.ofDefaults("bench"), Clock.fixed(Instant.parse("2026-12-15T00:00:00Z"),
                    ZoneOffset.UTC), "bench", new ErpMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0, () -> 0),
                    failure -> { }, io.millrace.eventlog.EventTracing.NONE);
            long started = System.nanoTime();
            while (worker.round() != null) {
                // until nothing is pending
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> counts = deliveries.counts();
            return String.format("%d entries in %.1f s = %.0f entries/s (%s)", entries, seconds, entries / seconds,
                    counts);
        }
    }

    private static JournalEntry entry(LocalDate date, int n) {
        Dimensions dims = new Dimensions("P100", null, null, null, null, null, "C-BETA");
        BigDecimal amount = new BigDecimal(10 + n % 90 + ".25");
        String id = "bench-" + UUID.randomUUID();
        return new JournalEntry(id, "P100", date, null, false, new SourceEvent(UUID.randomUUID().toString(),
                "urn:bench", id, "bench"), id, "bench", null, List.of(JournalLine.debit("1200", amount, dims),
                JournalLine.debit("5000", amount, dims), JournalLine.credit("4000", amount, dims),
                JournalLine.credit("1420", amount, dims)), null);
    }
}
