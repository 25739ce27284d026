package io.millrace.pipeline;

import io.millrace.eventlog.EventTracing;
import io.millrace.catalog.EventCatalog;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.ledger.BooksStore;
import io.millrace.ledger.PostingEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applier when several hub instances share the events topic's partitions (ADR 0005). The
 * instance applies the records of the partitions its consumer group gave it; each unit of work is
 * one {@link ApplyingTransaction}, the same frame as the single {@link Processor}'s, whose lane
 * locks the rows of the partitions it touches, then the lock rows of the plants whose books it may
 * change, and saves the partitions' next offsets with everything else. A record below its partition's stored offset
 * was taken up before and is skipped, and an event that is no longer pending is never applied
 * again, so a redelivery after a rebalance or a crash changes nothing.
 *
 * <p>A plant's records share a partition (the events topic is keyed by plant), so each plant's
 * events are applied in acceptance order by one instance at a time, as the single lane does. Parked events of a partition
 * are kept in memory per partition and reloaded when the partition's generation shows that another
 * transaction (another instance, an operator decision) changed them. What another partition's
 * posting releases is picked up by {@link #sweepParked()}.
 */
public final class PartitionProcessor implements Decisions {

    /** A record of the events topic: where it is and the accepted event it names (null when none). */
    public record Delivery(int partition, long offset, UUID trackingId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartitionProcessor.class);
    private static final Duration ORPHAN_POLL = Duration.ofMillis(50);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    /** The body of one transaction over some partitions; {@code next} collects their new offsets. */
    private interface Work<T> {
        T run(Applier applier, Map<Integer, PartitionRows.Partition> locked, Map<Integer, Long> next);
    }

    /** The parked events of one partition as of the generation this instance last saw. */
    private record Lane(long generation, List<ParkedEvent> parked) {
    }

    private final ApplyingTransaction frame;
    private final EventLog log;
    private final PipelineStore store;
    private final PartitionRows rows;
    private final Clock clock;
    private final PipelineSettings settings;
    private final Partitioning partitioning;
    private final Duration orphanWait;
    private final EventDecoder decoder;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<Integer, Lane> lanes = new HashMap<>();
    private final SortedSet<Integer> owned = new TreeSet<>();
    private final Map<UUID, Retry> retries = new HashMap<>();
    private final InternalErrorRetries internalErrors = new InternalErrorRetries();
    private final PipelineMetrics metrics;

    PartitionProcessor(TransactionTemplate transactions, BooksStore books, PostingEngines engines, EventLog log,
                       PipelineStore store, PartitionRows rows, Publications publications, PipelineMetrics metrics,
                       Clock clock, PipelineSettings settings, Partitioning partitioning, Duration orphanWait, EventCatalog catalog, EventTracing tracing) {
        this.decoder = new EventDecoder(catalog);
        this.frame = new ApplyingTransaction(transactions, books, engines, log, store, publications, decoder, metrics,
                clock, tracing);
        this.metrics = metrics;
        this.log = log;
        this.store = store;
        this.rows = rows;
        this.clock = clock;
        this.settings = settings;
        this.partitioning = partitioning;
        this.orphanWait = orphanWait;
        rows.ensurePartitions(IntStream.range(0, partitioning.partitions()).boxed().toList());
    }

    /** The consumer group gave this instance {@code partitions}: where to resume reading each. */
    public Map<Integer, Long> assigned(Collection<Integer> partitions) {
        lock.lock();
        try {
            rows.ensurePartitions(partitions);
            owned.addAll(partitions);
            forget(partitions); // another instance may have applied them meanwhile
            return rows.nextOffsets(partitions);
        } finally {
            lock.unlock();
        }
    }

    /** The consumer group took {@code partitions} away (or they were lost). */
    public void revoked(Collection<Integer> partitions) {
        lock.lock();
        try {
            owned.removeAll(partitions);
            forget(partitions);
        } finally {
            lock.unlock();
        }
    }

    private void forget(Collection<Integer> partitions) {
        for (int p : partitions) {
            Lane lane = lanes.remove(p);
            if (lane != null) {
                lane.parked().forEach(e -> retries.remove(e.decoded().trackingId()));
            }
        }
    }

    /** Where each partition's next record to take up is, as the database says. */
    public Map<Integer, Long> nextOffsets(Collection<Integer> partitions) {
        return rows.nextOffsets(partitions);
    }

    /**
     * Applies the deliveries of one poll in one transaction, in acceptance order across their
     * partitions; how many events it took up. A record whose event the log does not hold is waited
     * for (its append may still be committing) and, if it never appears, skipped as an orphan of a
     * failed append.
     */
    public int apply(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        return apply(deliveries, awaitLogged(deliveries));
    }

    /**
     * Applies events read from the log itself, in one transaction: the lane source of a hub without
     * Kafka ({@link LocalLanes}), where an event's position in the log is its offset in its lane.
     */
    int applyLogged(List<LoggedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Delivery> deliveries = new ArrayList<>(events.size());
        Map<UUID, LoggedEvent> logged = new HashMap<>();
        for (LoggedEvent e : events) {
            deliveries.add(delivery(e));
            logged.put(e.trackingId(), e);
        }
        return apply(deliveries, logged);
    }

    /** The lane record of an event read from the log: its partition and its position as the offset. */
    Delivery delivery(LoggedEvent event) {
        return new Delivery(partitioning.of(event), event.position(), event.trackingId());
    }

    private int apply(List<Delivery> deliveries, Map<UUID, LoggedEvent> logged) {
        Map<UUID, Decoded> decoded = decodeAll(logged);
        Set<String> plants = new TreeSet<>();
        decoded.values().forEach(d -> plants.addAll(d.plants()));
        rows.ensurePlants(plants);
        SortedSet<Integer> partitions = deliveries.stream().map(Delivery::partition)
                .collect(Collectors.toCollection(TreeSet::new));
        lock.lock();
        try {
            // this instance's other partitions with parked events join the transaction, so that what
            // the batch posts releases their events at once, as one lane would
            owned.stream().filter(p -> lanes.get(p) != null && !lanes.get(p).parked().isEmpty())
                    .forEach(partitions::add);
        } finally {
            lock.unlock();
        }
        return transact(partitions, plants, (applier, locked, next) -> {
            List<UUID> fresh = new ArrayList<>();
            for (Delivery d : deliveries) {
                long expected = next.getOrDefault(d.partition(), locked.get(d.partition()).nextOffset());
                if (d.offset() < expected) {
                    continue; // taken up before this delivery: a redelivery
                }
                next.put(d.partition(), d.offset() + 1);
                if (d.trackingId() != null && decoded.containsKey(d.trackingId())) {
                    fresh.add(d.trackingId());
                } else {
                    LOG.warn("record {}-{} at offset {} names no accepted event ({}): skipped", partitioning.topic(),
                            d.partition(), d.offset(), d.trackingId());
                }
            }
            // the events were read before the lock; only their states can have changed since
            Map<UUID, EventState> states = log.states(fresh);
            List<LoggedEvent> pending = fresh.stream().distinct()
                    .filter(id -> states.get(id) == EventState.PENDING) // taken up before: never applied twice
                    .map(id -> logged.get(id).withState(EventState.PENDING))
                    .sorted(Comparator.comparingLong(LoggedEvent::position)).toList();
            for (LoggedEvent current : pending) {
                Decoded event = decoded.get(current.trackingId());
                if (event.event() == null) {
                    applier.takeUndecodable(current, undecodable(current));
                } else {
                    applier.take(new Decoded(current, event.context(), event.event()));
                }
            }
            return pending.size();
        });
    }

    /** Turns the event of a record that keeps failing into an INTERNAL_ERROR exception: a poison event. */
    public void isolate(Delivery delivery, String failure) {
        Optional<LoggedEvent> event = delivery.trackingId() == null ? Optional.empty() : log.find(delivery.trackingId());
        Set<String> plants = event.map(e -> Set.of(e.plant())).orElse(Set.of());
        rows.ensurePlants(plants);
        transact(new TreeSet<>(Set.of(delivery.partition())), plants, (applier, locked, next) -> {
            if (delivery.offset() < locked.get(delivery.partition()).nextOffset()) {
                return null;
            }
            next.put(delivery.partition(), delivery.offset() + 1);
            LoggedEvent current = event.flatMap(e -> log.find(e.trackingId())).orElse(null);
            if (current != null && current.state() == EventState.PENDING) {
                LOG.error("event {} (partition {}, offset {}) cannot be applied and becomes an exception: {}",
                        current.trackingId(), delivery.partition(), delivery.offset(), failure);
                applier.takeUndecodable(current, "applying the event failed: " + failure);
            }
            return null;
        });
    }

    /**
     * Retries the parked events of this instance's partitions that are due and that have not been
     * tried since anything was last committed: what they wait for may have been posted in a
     * partition of another instance, whose postings cannot release them directly. Each event is
     * retried at the first sweep that sees it, then after {@link #FIRST_RETRY}, twice as long each
     * time it is still parked, up to {@link #LONGEST_RETRY}, so that a long-waiting event costs
     * little. How many it retried.
     */
    public int sweepParked() {
        lock.lock();
        try {
            long now = System.nanoTime();
            SortedSet<Integer> unread = new TreeSet<>();
            Map<UUID, Integer> candidates = new LinkedHashMap<>();
            for (int p : owned) {
                Lane lane = lanes.get(p);
                if (lane == null) {
                    unread.add(p); // not read since assigned: read it, in case it holds parked events
                    continue;
                }
                for (ParkedEvent e : lane.parked()) {
                    Retry retry = retries.computeIfAbsent(e.decoded().trackingId(), id -> new Retry(now));
                    if (now - retry.dueAt >= 0) {
                        candidates.put(e.decoded().trackingId(), p);
                    }
                }
            }
            if (unread.isEmpty() && candidates.isEmpty()) {
                return 0;
            }
            long generations = rows.generations();
            SortedSet<Integer> partitions = new TreeSet<>(unread);
            List<UUID> due = new ArrayList<>();
            candidates.forEach((id, p) -> {
                if (retries.get(id).seenGenerations != generations) {
                    due.add(id);
                    partitions.add(p);
                }
            });
            if (partitions.isEmpty()) {
                return 0; // nothing was committed since they were last tried
            }
            transact(partitions, Set.of(), (applier, locked, next) -> {
                applier.retryParked(due);
                return null;
            });
            for (UUID id : due) {
                Retry retry = retries.get(id);
                if (retry != null) {
                    // the sweep's own commit moved each swept partition's generation by one
                    retry.tried(now, generations + partitions.size());
                }
            }
            return due.size();
        } finally {
            lock.unlock();
        }
    }

    /** When a sweep next retries a parked event, and the sum of generations when it last did. */
    private static final class Retry {
        long dueAt;
        long delay = FIRST_RETRY.toNanos() / 2;
        long seenGenerations = Long.MIN_VALUE;

        Retry(long dueAt) {
            this.dueAt = dueAt;
        }

        void tried(long at, long generations) {
            delay = Math.min(LONGEST_RETRY.toNanos(), delay * 2);
            dueAt = at + delay;
            seenGenerations = generations;
        }
    }

    /** Parked events of this instance's partitions whose park window has passed become exceptions. */
    public int expireParked() {
        Instant cutoff = clock.instant().minus(settings.parkWindow());
        SortedSet<Integer> due = new TreeSet<>();
        lock.lock();
        try {
            for (int p : owned) {
                Lane lane = lanes.get(p);
                if (lane != null && lane.parked().stream().anyMatch(e -> !e.parkedAt().isAfter(cutoff))) {
                    due.add(p);
                }
            }
            if (due.isEmpty()) {
                return 0;
            }
            return transact(due, Set.of(), (applier, locked, next) -> applier.expire(cutoff));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Master data changed: open exceptions whose reason is an unknown reference are retried, then
     * every parked event, in acceptance order, over every partition (whichever instance owns it).
     */
    public void retryAfterMasterDataChange() {
        Set<String> plants = new TreeSet<>();
        for (ExceptionItem item : store.openExceptions(ExceptionQueue.MASTER_DATA_REASONS)) {
            decodedEvent(item.trackingId()).ifPresent(d -> plants.addAll(d.plants()));
        }
        rows.ensurePlants(plants);
        SortedSet<Integer> all = IntStream.range(0, partitioning.partitions()).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        transact(all, plants, (applier, locked, next) -> {
            applier.retryAfterMasterDataChange(store.openExceptions(ExceptionQueue.MASTER_DATA_REASONS),
                    this::decodedEvent);
            return null;
        });
    }

    /**
     * Open INTERNAL_ERROR exceptions of this instance's partitions that are due
     * ({@link InternalErrorRetries}) are retried, the hub being the actor; how many were retried.
     */
    public int retryInternalErrors() {
        Instant now = clock.instant();
        Set<Integer> mine;
        lock.lock();
        try {
            if (!internalErrors.timeToLook(now)) {
                return 0;
            }
            mine = Set.copyOf(owned);
        } finally {
            lock.unlock();
        }
        Map<UUID, Decoded> events = new HashMap<>();
        List<ExceptionItem> open = new ArrayList<>();
        for (ExceptionItem item : store.openExceptions(Set.of(Reason.Pipeline.INTERNAL_ERROR))) {
            Optional<Decoded> event = readableEvent(item.trackingId());
            if (event.isPresent() && mine.contains(partitioning.of(event.get().logged()))) {
                events.put(item.trackingId(), event.get());
                open.add(item);
            }
        }
        List<ExceptionItem> due;
        lock.lock();
        try {
            due = internalErrors.due(open, now);
        } finally {
            lock.unlock();
        }
        if (due.isEmpty()) {
            return 0;
        }
        SortedSet<Integer> partitions = new TreeSet<>();
        Set<String> plants = new TreeSet<>();
        due.forEach(item -> {
            partitions.add(partitioning.of(events.get(item.trackingId()).logged()));
            plants.addAll(events.get(item.trackingId()).plants());
        });
        rows.ensurePlants(plants);
        return transact(partitions, plants, (applier, locked, next) -> applier.retryInternalErrors(due,
                this::readableEvent));
    }

    private Optional<Decoded> readableEvent(UUID trackingId) {
        try {
            return decodedEvent(trackingId);
        } catch (EventDecoder.UndecodableEvent ex) {
            return Optional.empty();
        }
    }

    @Override
    public <T> T decide(UUID trackingId, Function<Applier, T> work) {
        Decoded event = decodedEvent(trackingId)
                .orElseThrow(() -> new IllegalStateException("event " + trackingId + " is not in the log"));
        int partition = partitioning.of(event.logged());
        rows.ensurePartitions(List.of(partition));
        rows.ensurePlants(event.plants());
        return transact(new TreeSet<>(Set.of(partition)), event.plants(), (applier, locked, next) -> work.apply(applier));
    }

    @Override
    public Optional<Decoded> decodedEvent(UUID trackingId) {
        return log.find(trackingId).map(decoder::decode);
    }

    /** How many events this instance holds parked, as of its last transactions. */
    int parkedCount() {
        lock.lock();
        try {
            return lanes.values().stream().mapToInt(l -> l.parked().size()).sum();
        } finally {
            lock.unlock();
        }
    }

    private <T> T transact(SortedSet<Integer> partitions, Set<String> plants, Work<T> work) {
        lock.lock();
        try {
            PartitionsLane<T> lane = new PartitionsLane<>(partitions, plants, work);
            T result;
            try {
                result = frame.run(lane);
            } catch (RuntimeException | Error ex) {
                partitions.forEach(lanes::remove); // the parked sets in memory may hold what was rolled back
                throw ex;
            }
            Map<Integer, List<ParkedEvent>> byPartition = lane.parked.inOrder().stream()
                    .collect(Collectors.groupingBy(e -> partitioning.of(e.decoded().logged())));
            for (int p : partitions) {
                Lane before = lanes.put(p, new Lane(lane.locked.get(p).generation() + 1,
                        byPartition.getOrDefault(p, List.of())));
                if (before != null) {
                    before.parked().stream().filter(e -> lane.parked.get(e.decoded().trackingId()) == null)
                            .forEach(e -> retries.remove(e.decoded().trackingId()));
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Some partitions of the events topic as one lane: their rows are locked, then the lock rows of
     * the plants whose books the work or their parked events may change; their next offsets are
     * saved with everything else.
     */
    private final class PartitionsLane<T> implements ApplyingTransaction.Lane<T> {
        private final SortedSet<Integer> partitions;
        private final Set<String> plants;
        private final Work<T> work;
        final Map<Integer, PartitionRows.Partition> locked = new HashMap<>();
        final ParkedEvents parked = new ParkedEvents();
        private final Map<Integer, Long> next = new HashMap<>();

        PartitionsLane(SortedSet<Integer> partitions, Set<String> plants, Work<T> work) {
            this.partitions = partitions;
            this.plants = plants;
            this.work = work;
        }

        @Override
        public ParkedEvents open() {
            long lockingAt = System.nanoTime();
            locked.putAll(rows.lock(partitions));
            long waited = System.nanoTime() - lockingAt;
            refresh(locked);
            partitions.forEach(p -> lanes.get(p).parked().forEach(parked::put));
            SortedSet<String> toLock = new TreeSet<>(plants);
            parked.inOrder().forEach(e -> toLock.addAll(e.decoded().plants()));
            lockingAt = System.nanoTime();
            rows.lockPlants(toLock);
            metrics.lockWaited(waited + System.nanoTime() - lockingAt);
            return parked;
        }

        @Override
        public T apply(Applier applier) {
            return work.run(applier, locked, next);
        }

        @Override
        public void close() {
            for (PartitionRows.Partition row : locked.values()) {
                rows.save(new PartitionRows.Partition(row.partition(),
                        next.getOrDefault(row.partition(), row.nextOffset()), row.generation() + 1));
            }
        }
    }

    /** Reloads the parked events of the locked partitions another transaction changed since this instance saw them. */
    private void refresh(Map<Integer, PartitionRows.Partition> locked) {
        List<Integer> stale = locked.values().stream()
                .filter(row -> lanes.get(row.partition()) == null
                        || lanes.get(row.partition()).generation() != row.generation())
                .map(PartitionRows.Partition::partition).toList();
        if (stale.isEmpty()) {
            return;
        }
        List<PipelineStore.ParkedRow> parkedRows = store.parkedRows();
        Map<UUID, LoggedEvent> events = log.findAll(parkedRows.stream().map(PipelineStore.ParkedRow::trackingId)
                .toList()).stream().collect(Collectors.toMap(LoggedEvent::trackingId, e -> e));
        Map<Integer, List<ParkedEvent>> byPartition = new HashMap<>();
        for (PipelineStore.ParkedRow row : parkedRows) {
            LoggedEvent event = events.get(row.trackingId());
            if (event == null) {
                throw new IllegalStateException("parked event " + row.trackingId() + " is not in the event log");
            }
            int partition = partitioning.of(event);
            if (stale.contains(partition)) {
                byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(new ParkedEvent(decoder.decode(event),
                        row.reason(), row.message(), row.waitingFor(), row.parkedAt(), row.attempts()));
            }
        }
        for (int p : stale) {
            lanes.put(p, new Lane(locked.get(p).generation(), byPartition.getOrDefault(p, List.of())));
        }
    }

    /**
     * The logged events the deliveries name. A record is produced before its append commits, so an
     * event not (yet) in the log is waited for up to {@code orphanWait}, the longest an append can
     * take to commit or roll back; what is still missing then was rolled back.
     */
    private Map<UUID, LoggedEvent> awaitLogged(List<Delivery> deliveries) {
        List<UUID> wanted = deliveries.stream().map(Delivery::trackingId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, LoggedEvent> found = new LinkedHashMap<>();
        long deadline = System.nanoTime() + orphanWait.toNanos();
        while (true) {
            List<UUID> missing = wanted.stream().filter(id -> !found.containsKey(id)).toList();
            log.findAll(missing).forEach(e -> found.put(e.trackingId(), e));
            if (found.size() == wanted.size() || System.nanoTime() >= deadline) {
                return found;
            }
            try {
                Thread.sleep(ORPHAN_POLL.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Decoded events by tracking id; one the core cannot read is kept with a null payload. */
    private Map<UUID, Decoded> decodeAll(Map<UUID, LoggedEvent> events) {
        Map<UUID, Decoded> out = new HashMap<>();
        for (LoggedEvent e : events.values()) {
            try {
                out.put(e.trackingId(), decoder.decode(e));
            } catch (EventDecoder.UndecodableEvent ex) {
                out.put(e.trackingId(), new Decoded(e, EventDecoder.context(e), null));
            }
        }
        return out;
    }

    private String undecodable(LoggedEvent event) {
        try {
            decoder.decode(event);
            return "the event could not be read";
        } catch (EventDecoder.UndecodableEvent ex) {
            return ex.getMessage();
        }
    }

}
