package io.millrace.pipeline;

import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lanes by plant within one hub on the database's event log (ADR 0020). A reader thread follows
 * the log in acceptance order and deals every pending event to the lane of its plant; each lane
 * is a thread of its own that applies its events in acceptance order through a
 * {@link PartitionProcessor} over one partition of the lanes, with the same transaction frame,
 * lock rows, stored offsets (an event's position in the log is its offset) and parked-event sweep
 * as hub instances sharing the events topic. So the plants of different lanes are applied in
 * parallel, each plant by one lane, and the outcome is that of applying each plant's events in
 * acceptance order.
 *
 * <p>The cursor row keeps the lanes' low-water mark: every event up to it has been taken up. A
 * restart reads on from there, and each lane skips what its stored offset says it took up; an
 * event that is no longer pending is never applied again whatever the offsets say, so the number
 * of lanes may change between runs (each count has its own partition rows).
 */
final class LocalLanes implements SmartLifecycle, PipelineDriver, Decisions {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLanes.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);
    private static final Duration LOW_WATER_INTERVAL = Duration.ofSeconds(1);
    /** Batches a lane may have queued before the reader waits for it. */
    private static final int QUEUED_BATCHES = 4;

    /** The partitioning of {@code lanes} lanes: a plant's lane is its code's hash modulo the count. */
    static Partitioning partitioning(int lanes) {
        return new Partitioning("millrace.lanes." + lanes, lanes, event -> laneOf(event, lanes));
    }

    static int laneOf(LoggedEvent event, int lanes) {
        String key = event.plant() != null ? event.plant() : event.source();
        return Math.floorMod(key.hashCode(), lanes);
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final EventLog log;
    private final PipelineStore store;
    private final AppendSignal appended;
    private final PipelineSettings settings;
    private final Partitioning partitioning;
    private final AtomicBoolean masterDataChanged = new AtomicBoolean();
    private final Object room = new Object();
    private volatile boolean running;
    private volatile long readThrough = -1;
    private Thread reader;

    /** {@code processors}: one per lane, lane {@code i} applying partition {@code i} of {@code partitioning}. */
    LocalLanes(List<PartitionProcessor> processors, Partitioning partitioning, EventLog log, PipelineStore store,
               AppendSignal appended, PipelineSettings settings) {
        if (processors.size() != partitioning.partitions()) {
            throw new IllegalArgumentException(processors.size() + " processors for " + partitioning.partitions()
                    + " lanes");
        }
        for (int i = 0; i < processors.size(); i++) {
            lanes.add(new Lane(i, processors.get(i)));
        }
        this.partitioning = partitioning;
        this.log = log;
        this.store = store;
        this.appended = appended;
        this.settings = settings;
    }

    @Override
    public void masterDataChanged() {
        masterDataChanged.set(true);
        lanes.get(0).wake();
    }

    /** Runs an operator decision in the transaction frame of the event's lane, serialized with its lane. */
    @Override
    public <T> T decide(UUID trackingId, Function<Applier, T> work) {
        Decoded event = decodedEvent(trackingId)
                .orElseThrow(() -> new IllegalStateException("event " + trackingId + " is not in the log"));
        return lanes.get(partitioning.of(event.logged())).processor.decide(trackingId, work);
    }

    @Override
    public Optional<Decoded> decodedEvent(UUID trackingId) {
        return lanes.get(0).processor.decodedEvent(trackingId);
    }

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        for (Lane lane : lanes) {
            lane.thread = daemon(lane, "millrace-lane-" + lane.number);
        }
        reader = daemon(this::read, "millrace-lanes-reader");
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void stop() {
        running = false;
        appended.raise();
        synchronized (room) {
            room.notifyAll();
        }
        lanes.forEach(Lane::wake);
        join(reader);
        lanes.forEach(lane -> join(lane.thread));
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(10_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The reader: deals the log's pending events to their lanes, and keeps the low-water mark. */
    private void read() {
        long position = -1;
        long lowWaterSaved = -1;
        long nextSave = System.nanoTime();
        int failures = 0;
        while (running) {
            try {
                if (position < 0) {
                    position = store.cursorPosition();
                    lowWaterSaved = position;
                    readThrough = position;
                }
                awaitRoom();
                long seen = appended.count();
                List<LoggedEvent> events = log.readAfter(position, settings.batchSize());
                if (!events.isEmpty()) {
                    deal(events);
                    position = events.get(events.size() - 1).position();
                    readThrough = position;
                }
                if (System.nanoTime() - nextSave >= 0) {
                    long lowWater = lowWater();
                    if (lowWater > lowWaterSaved) {
                        store.raiseCursor(lowWater);
                        lowWaterSaved = lowWater;
                    }
                    nextSave = System.nanoTime() + LOW_WATER_INTERVAL.toNanos();
                }
                failures = 0;
                if (events.isEmpty()) {
                    appended.awaitAfter(seen, settings.pollInterval().toMillis());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error ex) {
                failures++;
                LOG.warn("reading the event log for the lanes failed (attempt {}): {}", failures,
                        Failures.describe(ex));
                LaneRetries.sleep(Failures.backoffMillis(failures));
            }
        }
    }

    private void deal(List<LoggedEvent> events) {
        Map<Integer, List<LoggedEvent>> byLane = new TreeMap<>();
        for (LoggedEvent e : events) {
            if (e.state() == EventState.PENDING) { // taken up before: never applied twice
                byLane.computeIfAbsent(partitioning.of(e), p -> new ArrayList<>()).add(e);
            }
        }
        byLane.forEach((lane, batch) -> lanes.get(lane).offer(batch));
    }

    /** Waits while a lane has more than a few batches queued, so a slow plant holds the reader, not memory. */
    private void awaitRoom() throws InterruptedException {
        int cap = QUEUED_BATCHES * settings.batchSize();
        synchronized (room) {
            while (running && lanes.stream().anyMatch(l -> l.queued() >= cap)) {
                room.wait(settings.pollInterval().toMillis());
            }
        }
    }

    /** The last position below which every event has been taken up by its lane. */
    long lowWater() {
        long through = readThrough;
        for (Lane lane : lanes) {
            through = Math.min(through, lane.lowestOpen() - 1);
        }
        return through;
    }

    /** How many events the lanes hold parked, as of their last transactions. */
    int parkedCount() {
        return lanes.stream().mapToInt(l -> l.processor.parkedCount()).sum();
    }

    /** One lane: its queue of events dealt by the reader, and its thread. */
    private final class Lane implements Runnable {
        final int number;
        final PartitionProcessor processor;
        private final LaneRetries<LoggedEvent> retries;
        private final ArrayDeque<LoggedEvent> queue = new ArrayDeque<>();
        private long inFlightFrom = Long.MAX_VALUE;
        private long resumeAt = -1;
        private long nextSweep;
        Thread thread;

        Lane(int number, PartitionProcessor processor) {
            this.number = number;
            this.processor = processor;
            this.retries = new LaneRetries<>(new LaneRetries.Target<>() {
                @Override
                public void apply(List<LoggedEvent> batch) {
                    processor.applyLogged(batch);
                }

                @Override
                public void isolate(LoggedEvent item, String failure) {
                    processor.isolate(processor.delivery(item), failure);
                }
            }, e -> "event " + e.trackingId() + " (position " + e.position() + ")");
        }

        synchronized void offer(List<LoggedEvent> events) {
            queue.addAll(events);
            notifyAll();
        }

        synchronized void wake() {
            notifyAll();
        }

        synchronized int queued() {
            return queue.size();
        }

        /** The position of the first event dealt to this lane and not yet committed; MAX when none. */
        synchronized long lowestOpen() {
            return queue.isEmpty() ? inFlightFrom : Math.min(inFlightFrom, queue.peek().position());
        }

        /** The next batch, marked in flight; empty when none came within {@code millis}. */
        private synchronized List<LoggedEvent> next(long millis) throws InterruptedException {
            if (queue.isEmpty() && running) {
                wait(millis);
            }
            List<LoggedEvent> batch = new ArrayList<>(Math.min(queue.size(), settings.batchSize()));
            if (!queue.isEmpty()) {
                inFlightFrom = queue.peek().position();
            }
            while (batch.size() < settings.batchSize() && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            return batch;
        }

        private synchronized void done() {
            inFlightFrom = Long.MAX_VALUE;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    if (resumeAt < 0) {
                        resumeAt = processor.assigned(List.of(number)).getOrDefault(number, 0L);
                    }
                    housekeeping();
                    List<LoggedEvent> batch = next(SWEEP_INTERVAL.toMillis());
                    synchronized (room) {
                        room.notifyAll();
                    }
                    List<LoggedEvent> fresh = batch.stream().filter(e -> e.position() >= resumeAt).toList();
                    boolean applied = fresh.isEmpty();
                    while (!applied && running) {
                        // read again: the batch is still in memory, and what committed meanwhile is skipped by offset
                        applied = retries.apply(fresh);
                    }
                    if (applied) {
                        done(); // when stopping half-way, the batch stays below the low-water mark
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error ex) {
                    LOG.warn("lane {} failed: {}", number, Failures.describe(ex));
                    LaneRetries.sleep(500);
                }
            }
        }

        /** Master-data retries (lane 0), the sweep of parked events and park-window expiry; failures never isolate events. */
        private void housekeeping() {
            if (number == 0 && masterDataChanged.getAndSet(false)) {
                try {
                    processor.retryAfterMasterDataChange();
                } catch (RuntimeException ex) {
                    masterDataChanged.set(true);
                    LOG.warn("retrying after a master-data change failed: {}", Failures.describe(ex));
                }
            }
            long now = System.nanoTime();
            if (now - nextSweep < 0) {
                return;
            }
            nextSweep = now + SWEEP_INTERVAL.toNanos();
            try {
                processor.sweepParked();
                processor.expireParked();
                processor.retryInternalErrors();
            } catch (RuntimeException ex) {
                LOG.warn("lane {}: retrying or expiring parked events failed: {}", number, Failures.describe(ex));
            }
        }
    }
}
