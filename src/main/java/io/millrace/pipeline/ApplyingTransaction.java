package io.millrace.pipeline;

import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.EventLog;
import io.millrace.ledger.BooksStore;
import io.millrace.ledger.PostingEngines;
import io.millrace.ledger.UnitOfWork;
import java.time.Clock;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one transaction frame of applying, whatever the lane source (the log's cursor for a single
 * applier, the events topic's partitions with Kafka): the lane locks its position and hands over
 * its parked events, the applier works on a fresh unit of work of the books, and the books, the
 * events' states, lineage, movements, exceptions, parked rows, outbound messages and the lane's
 * new position are written together. A crash at any point leaves all of it or none; what was
 * counted goes to the metrics once the transaction has committed.
 */
final class ApplyingTransaction {

    /** What one lane source does inside the frame. */
    interface Lane<T> {

        /** Locks the lane's position rows; the parked events the applier works on. */
        ParkedEvents open();

        /** The body: applies, retries or decides. */
        T apply(Applier applier);

        /** Saves the lane's new position, after everything else is written. */
        void close();
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final TransactionTemplate transactions;
    private final BooksStore books;
    private final PostingEngines engines;
    private final EventLog log;
    private final PipelineStore store;
    private final BatchWriter writer;
    private final EventDecoder decoder;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final EventTracing tracing;

    ApplyingTransaction(TransactionTemplate transactions, BooksStore books, PostingEngines engines, EventLog log,
                        PipelineStore store, Publications publications, EventDecoder decoder, PipelineMetrics metrics,
                        Clock clock, EventTracing tracing) {
        this.transactions = transactions;
        this.books = books;
        this.engines = engines;
        this.log = log;
        this.store = store;
        this.writer = new BatchWriter(log, store, publications);
        this.decoder = decoder;
        this.metrics = metrics;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** Runs {@code lane} in one transaction; rethrows whatever rolled it back. */
    <T> T run(Lane<T> lane) {
        BatchWork batch = new BatchWork();
        long startedAt = System.nanoTime();
        long cpuAt = cpuTime();
        T result;
        try {
            result = execute(lane, batch);
        } finally {
            long cpu = cpuAt < 0 ? -1 : cpuTime() - cpuAt;
            metrics.transaction(System.nanoTime() - startedAt, cpuAt < 0 ? -1 : cpu);
        }
        metrics.committed(batch.counted, clock.instant());
        return result;
    }

    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private <T> T execute(Lane<T> lane, BatchWork batch) {
        return transactions.execute(status -> {
            ParkedEvents parked = lane.open();
            UnitOfWork unit = books.begin();
            Applier applier = new Applier(engines.over(unit, new LoggedPostings(log, store, batch, decoder)), parked,
                    batch, store, clock, tracing);
            T value = lane.apply(applier);
            unit.flush();
            writer.write(batch, parked);
            lane.close();
            return value;
        });
    }
}
