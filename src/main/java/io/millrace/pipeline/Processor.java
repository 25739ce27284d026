package io.millrace.pipeline;

import io.millrace.eventlog.EventTracing;
import io.millrace.catalog.EventCatalog;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.ledger.BooksStore;
import io.millrace.ledger.PostingEngines;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applier of the whole log as one lane. Every unit of work (a micro-batch of new events, a
 * park-window expiry, a retry after master data changed, an operator decision) is one
 * {@link ApplyingTransaction} whose lane locks the cursor row (one applier at a time across hub
 * instances) and saves the cursor with everything else. A crash at any point leaves either all of
 * it or none.
 */
public class Processor implements Decisions {

    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);

    /** The body of one transaction. */
    interface Work<T> {
        T run(Applier applier, PipelineStore.Cursor cursor, Advance advance);
    }

    /** Where the cursor goes when the transaction commits. */
    static final class Advance {
        long position;
    }

    private final ApplyingTransaction frame;
    private final EventLog log;
    private final PipelineStore store;
    private final Clock clock;
    private final PipelineSettings settings;
    private final EventDecoder decoder;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ParkedEvents parked = new ParkedEvents();
    private final InternalErrorRetries internalErrors = new InternalErrorRetries();
    private final PipelineMetrics metrics;
    private long knownGeneration = -1;
    private volatile long lastRead;

    Processor(TransactionTemplate transactions, BooksStore books, PostingEngines engines, EventLog log,
              PipelineStore store, Publications publications, PipelineMetrics metrics, Clock clock,
              PipelineSettings settings, EventCatalog catalog, EventTracing tracing) {
        this.decoder = new EventDecoder(catalog);
        this.frame = new ApplyingTransaction(transactions, books, engines, log, store, publications, decoder, metrics,
                clock, tracing);
        this.metrics = metrics;
        this.log = log;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /** Applies up to {@code limit} new events of the log; how many it read. */
    public int applyNext(int limit) {
        return transact((applier, cursor, advance) -> {
            List<LoggedEvent> events = log.readAfter(cursor.position(), limit);
            if (!events.isEmpty()) {
                lastRead = events.get(events.size() - 1).position();
            }
            for (LoggedEvent event : events) {
                advance.position = event.position();
                if (event.state() != EventState.PENDING) {
                    continue; // taken up before: never applied twice
                }
                Decoded decoded;
                try {
                    decoded = decoder.decode(event);
                } catch (EventDecoder.UndecodableEvent ex) {
                    applier.takeUndecodable(event, ex.getMessage());
                    continue;
                }
                applier.take(decoded);
            }
            return events.size();
        });
    }

    /** Turns the next new event into an INTERNAL_ERROR exception without applying it: a poison event. */
    void isolate(String failure) {
        transact((applier, cursor, advance) -> {
            for (LoggedEvent event : log.readAfter(cursor.position(), 1)) {
                advance.position = event.position();
                if (event.state() == EventState.PENDING) {
                    LOG.error("event {} (position {}) cannot be applied and becomes an exception: {}",
                            event.trackingId(), event.position(), failure);
                    applier.takeUndecodable(event, "applying the event failed: " + failure);
                }
            }
            return null;
        });
    }

    /** Parked events whose park window has passed become exceptions; how many did. */
    public int expireParked() {
        Instant oldest;
        lock.lock();
        try {
            oldest = knownGeneration < 0 ? Instant.MIN : parked.oldestParkedAt();
        } finally {
            lock.unlock();
        }
        Instant cutoff = clock.instant().minus(settings.parkWindow());
        if (oldest == null || oldest.isAfter(cutoff)) {
            return 0;
        }
        return transact((applier, cursor, advance) -> applier.expire(cutoff));
    }

    /**
     * Open INTERNAL_ERROR exceptions that are due ({@link InternalErrorRetries}) are retried, the hub
     * being the actor; how many were retried. An event the core still cannot read stays as it is.
     */
    public int retryInternalErrors() {
        Instant now = clock.instant();
        if (!internalErrors.timeToLook(now)) {
            return 0;
        }
        List<ExceptionItem> due = internalErrors.due(store.openExceptions(Set.of(Reason.Pipeline.INTERNAL_ERROR)), now);
        if (due.isEmpty()) {
            return 0;
        }
        return transact((applier, cursor, advance) -> applier.retryInternalErrors(due, this::readableEvent));
    }

    private Optional<Decoded> readableEvent(UUID trackingId) {
        try {
            return decodedEvent(trackingId);
        } catch (EventDecoder.UndecodableEvent ex) {
            return Optional.empty();
        }
    }

    /**
     * Master data changed: open exceptions whose reason is an unknown reference are retried, then
     * every parked event, in acceptance order.
     */
    public void retryAfterMasterDataChange() {
        transact((applier, cursor, advance) -> {
            applier.retryAfterMasterDataChange(store.openExceptions(ExceptionQueue.MASTER_DATA_REASONS),
                    this::decodedEvent);
            return null;
        });
    }

    /** Runs an operator decision in its own transaction, serialized with the applier. */
    @Override
    public <T> T decide(UUID trackingId, Function<Applier, T> work) {
        return transact((applier, cursor, advance) -> work.apply(applier));
    }

    @Override
    public Optional<Decoded> decodedEvent(UUID trackingId) {
        return log.find(trackingId).map(decoder::decode);
    }

    /** The position of the last event a batch read, for isolating a failing batch. */
    long lastRead() {
        return lastRead;
    }

    private <T> T transact(Work<T> work) {
        lock.lock();
        try {
            CursorLane<T> lane = new CursorLane<>(work);
            T result;
            try {
                result = frame.run(lane);
            } catch (RuntimeException | Error ex) {
                knownGeneration = -1; // the parked set in memory may hold what was rolled back
                throw ex;
            }
            knownGeneration = lane.generation;
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** The whole log as one lane: its position is the cursor row, locked by every transaction. */
    private final class CursorLane<T> implements ApplyingTransaction.Lane<T> {
        private final Work<T> work;
        private final Advance advance = new Advance();
        private PipelineStore.Cursor cursor;
        long generation;

        CursorLane(Work<T> work) {
            this.work = work;
        }

        @Override
        public ParkedEvents open() {
            long lockingAt = System.nanoTime();
            cursor = store.lockCursor();
            metrics.lockWaited(System.nanoTime() - lockingAt);
            if (cursor.generation() != knownGeneration) {
                reload();
            }
            advance.position = cursor.position();
            return parked;
        }

        @Override
        public T apply(Applier applier) {
            return work.run(applier, cursor, advance);
        }

        @Override
        public void close() {
            generation = cursor.generation() + 1;
            store.saveCursor(new PipelineStore.Cursor(advance.position, generation));
        }
    }

    private void reload() {
        for (ParkedEvent p : parked.inOrder()) {
            parked.remove(p.decoded().trackingId());
        }
        for (PipelineStore.ParkedRow row : store.parkedRows()) {
            Optional<Decoded> event = decodedEvent(row.trackingId());
            if (event.isEmpty()) {
                throw new IllegalStateException("parked event " + row.trackingId() + " is not in the event log");
            }
            parked.put(new ParkedEvent(event.get(), row.reason(), row.message(), row.waitingFor(), row.parkedAt(),
                    row.attempts()));
        }
    }

    int parkedCount() {
        return parked.size();
    }
}
