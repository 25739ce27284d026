package io.millrace.pipeline;

import io.millrace.eventlog.EventTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.eventlog.AppendResult;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.Receipt;
import io.millrace.eventlog.jdbc.JdbcEventLog;
import io.millrace.ledger.BooksStore;
import io.millrace.ledger.LedgerQueries;
import io.millrace.ledger.PostingEngines;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxProperties;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline without Spring: a fresh migrated database, the JDBC event log, the persisted books,
 * the outbox and the processor, driven by hand (no background thread), so tests decide exactly
 * when events are accepted and applied.
 */
final class PipelineRig implements AutoCloseable {

    static final String SOURCE = "urn:millrace:test:rig";
    static final EventCatalog CATALOG = EventCatalog.loadDefault();

    final TestDatabase database;
    final JdbcEventLog log;
    final Processor processor;
    final ExceptionQueue queue;
    final PipelineStore store;
    final LedgerQueries ledger;
    final Lineage lineage;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TestClock clock;
    private final AtomicInteger ids = new AtomicInteger();
    private final MasterData master;
    private final Publications publications;
    private final PipelineSettings settings;

    PipelineRig(TestDatabase.Kind kind, MasterData master, Duration parkWindow) {
        this(kind, master, parkWindow, EventTracing.NONE);
    }

    /** A rig whose applying opens its spans with {@code tracing}. */
    PipelineRig(TestDatabase.Kind kind, MasterData master, Duration parkWindow, EventTracing tracing) {
        database = TestDatabase.create(kind);
        clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
        log = new JdbcEventLog(database.dataSource(), clock);
        store = new PipelineStore(database.dataSource());
        ledger = new LedgerQueries(database.dataSource());
        this.master = master;
        publications = new OutboxPublications(new Outbox(database.dataSource(), clock,
                OutboxProperties.defaults(List.of())));
        settings = new PipelineSettings(parkWindow, 200, Duration.ofMillis(100), true);
        processor = new Processor(new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new BooksStore(database.dataSource()), new PostingEngines(master, PostingSettings.defaults()), log,
                store, publications, new PipelineMetrics(meters, log, plant -> true), clock, settings, CATALOG, tracing);
        queue = new ExceptionQueue(processor, store, new io.millrace.audit.AuditLog(new io.millrace.audit.InMemoryAuditRecords(), java.time.Clock.systemUTC()));
        lineage = new Lineage(store, ledger, publications, List.of());
    }

    /**
     * One more hub instance applying by partition on this rig's database: its own parked sets in
     * memory, the same books, log and outbox.
     */
    PartitionProcessor partitionProcessor(Partitioning partitioning) {
        return new PartitionProcessor(new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new BooksStore(database.dataSource()), new PostingEngines(master, PostingSettings.defaults()), log,
                store, new PartitionRows(database.dataSource(), partitioning.topic()), publications,
                new PipelineMetrics(meters, log, plant -> true), clock, settings, partitioning, Duration.ofMillis(200), CATALOG, EventTracing.NONE);
    }

    /**
     * Lanes by plant on this rig's database ({@code lanes} threads once started), as a hub without
     * Kafka runs them with {@code millrace.pipeline.lanes}; they poll the log every 100 ms.
     */
    LocalLanes localLanes(int lanes) {
        Partitioning partitioning = LocalLanes.partitioning(lanes);
        PartitionRows rows = new PartitionRows(database.dataSource(), partitioning.topic());
        List<PartitionProcessor> processors = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            processors.add(new PartitionProcessor(
                    new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                    new BooksStore(database.dataSource()), new PostingEngines(master, PostingSettings.defaults()), log,
                    store, rows, publications, new PipelineMetrics(meters, log, plant -> true), clock, settings,
                    partitioning, Duration.ZERO, CATALOG, EventTracing.NONE));
        }
        return new LocalLanes(processors, partitioning, log, store, new io.millrace.eventlog.AppendSignal(), settings);
    }

    /** A structured CloudEvent of a core event record, at {@code time}. */
    static ObjectNode cloudEvent(ManufacturingEvent event, String id, String plant, Instant time) {
        ObjectNode data = EventJson.mapper().valueToTree(event);
        List<String> nulls = new ArrayList<>();
        data.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        nulls.forEach(data::remove);
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("specversion", "1.0");
        node.put("id", id);
        node.put("source", SOURCE);
        node.put("type", event.type());
        node.put("time", time.toString());
        node.put("datacontenttype", "application/json");
        node.put("plant", plant);
        node.set("data", data);
        return node;
    }

    /** Accepts the core events as one producer would send them, one request each; their tracking ids. */
    List<UUID> accept(String plant, ManufacturingEvent... events) {
        List<ObjectNode> nodes = new ArrayList<>();
        for (ManufacturingEvent e : events) {
            nodes.add(cloudEvent(e, "ev-" + ids.incrementAndGet(), plant,
                    Instant.parse("2026-11-02T08:00:00Z").plusSeconds(ids.get())));
        }
        return acceptNodes(nodes);
    }

    /** Appends already built events (validated by the catalog first), each as its own request. */
    List<UUID> acceptNodes(List<ObjectNode> events) {
        List<UUID> tracking = new ArrayList<>();
        for (ObjectNode e : events) {
            tracking.add(append(List.of(e)).get(0).trackingId());
        }
        return tracking;
    }

    /** Appends one request (a batch), as intake does after validation. */
    List<Receipt> append(List<ObjectNode> events) {
        List<NewEvent> batch = new ArrayList<>();
        for (ObjectNode e : events) {
            var errors = CATALOG.validate(e);
            if (!errors.isEmpty()) {
                throw new AssertionError("invalid test event " + e + ": " + errors);
            }
            JsonNodeText text = new JsonNodeText(EventJson.mapper().writeValueAsString(e));
            batch.add(NewEvent.of(e.get("source").asString(), e.get("id").asString(), e.get("type").asString(),
                    e.get("plant").asString(), e.has("subject") ? e.get("subject").asString() : null,
                    CATALOG.businessKey(e), null, EventCatalog.eventTime(e).toInstant(), "producer-1", text.json()));
        }
        AppendResult result = log.append(batch);
        if (!(result instanceof AppendResult.Appended appended)) {
            throw new AssertionError("not appended: " + result);
        }
        return appended.receipts();
    }

    private record JsonNodeText(String json) {
    }

    /** Applies until the log has nothing new. */
    void drain() {
        while (processor.applyNext(200) > 0) {
            // next batch
        }
    }

    EventState state(UUID trackingId) {
        return log.find(trackingId).orElseThrow().state();
    }

    /** Balance per plant and account, over all periods. */
    Map<String, String> trialBalance() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        Map<String, String> out = new TreeMap<>();
        jdbc.query("SELECT plant, account, SUM(debit) - SUM(credit) FROM ledger_journal_line GROUP BY plant, account",
                rs -> {
                    out.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
                });
        return out;
    }

    /** Journal entries per source event (source and CloudEvents id): a duplicate posting shows here. */
    Map<String, Long> entriesPerEvent() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        Map<String, Long> out = new TreeMap<>();
        jdbc.query("SELECT source, source_event_id, COUNT(*) FROM ledger_journal_entry GROUP BY source, source_event_id",
                rs -> {
                    out.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    /** Every non-zero stock row. */
    Map<String, String> inventory() {
        return ledger.stock(new LedgerQueries.StockFilter(null, null, null, null)).stream()
                .collect(Collectors.toMap(r -> r.plant() + "/" + r.location() + "/" + r.item() + "/" + r.lot() + "/"
                        + r.status(), r -> r.quantity().stripTrailingZeros().toPlainString(), (a, b) -> a, TreeMap::new));
    }

    /** Orders and PO lines as the books hold them. */
    Map<String, String> orderStates() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        Map<String, String> out = new TreeMap<>();
        jdbc.query("SELECT order_id, status, wip_balance FROM ledger_production_order", rs -> {
            out.put("order " + rs.getString(1), rs.getString(2) + " " + rs.getBigDecimal(3).toPlainString());
        });
        jdbc.query("SELECT purchase_order, line, received, invoiced FROM ledger_po_line", rs -> {
            out.put("po " + rs.getString(1) + "/" + rs.getInt(2), rs.getBigDecimal(3).stripTrailingZeros()
                    .toPlainString() + " " + rs.getBigDecimal(4).stripTrailingZeros().toPlainString());
        });
        return out;
    }

    /** Events per state in the log. */
    Map<String, Long> states() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        Map<String, Long> out = new TreeMap<>();
        jdbc.query("SELECT state, COUNT(*) FROM event_log GROUP BY state", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    @Override
    public void close() {
        database.close();
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }


    /**
     * Two producers appending their halves of a stream concurrently, in batches of 50, while the
     * processor applies whatever has arrived: the arrival order between the halves is up to the race.
     */
    void race(List<ObjectNode> first, List<ObjectNode> second) throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<ObjectNode> half : List.of(first, second)) {
                running.add(producers.submit(() -> {
                    for (int from = 0; from < half.size(); from += 50) {
                        append(half.subList(from, Math.min(half.size(), from + 50)));
                    }
                }));
            }
            while (running.stream().anyMatch(f -> !f.isDone())) {
                processor.applyNext(100);
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            producers.shutdown();
        }
    }

}
