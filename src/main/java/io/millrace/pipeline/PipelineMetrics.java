package io.millrace.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's meters: events posted, parked and raised as exceptions (by plant, type and
 * reason), the backlog per state, and the latency from acceptance and from event time to posting
 * (per plant and type, with a percentile histogram).
 */
class PipelineMetrics {

    private final MeterRegistry registry;
    private final EventLog log;
    private volatile Backlog lastBacklog = new Backlog(0, 0, 0, 0);
    private volatile long backlogReadAt;

    private final Predicate<String> knownPlant;

    /** {@code knownPlant} keeps the plant tag to plants of the master data, so no input can mint time series. */
    PipelineMetrics(MeterRegistry registry, EventLog log, Predicate<String> knownPlant) {
        this.registry = registry;
        this.log = log;
        this.knownPlant = knownPlant;
        gauge("pending", Backlog::pending);
        gauge("parked", Backlog::parked);
        gauge("exceptions", Backlog::exceptions);
    }

    private void gauge(String state, ToDoubleFunction<Backlog> value) {
        Gauge.builder("millrace.pipeline.backlog", this, m -> value.applyAsDouble(m.backlog()))
                .description("Accepted events per processing state").tag("state", state).register(registry);
    }

    /** One read of the counts per scrape, however many gauges ask. */
    private Backlog backlog() {
        long now = System.nanoTime();
        if (now - backlogReadAt > Duration.ofMillis(500).toNanos()) {
            try {
                lastBacklog = log.backlog();
                backlogReadAt = now;
            } catch (RuntimeException ex) {
                return lastBacklog;
            }
        }
        return lastBacklog;
    }

    /** Counts what a committed transaction decided. */
    void committed(List<BatchWork.Counted> outcomes, Instant committedAt) {
        for (BatchWork.Counted c : outcomes) {
            switch (c.outcome()) {
                case "posted" -> {
                    Counter.builder("millrace.events.posted").tag("plant", plant(c)).tag("type", c.type())
                            .register(registry).increment();
                    latency("millrace.posting.latency.accepted", "Acceptance to posting", c, c.acceptedAt(),
                            committedAt);
                    latency("millrace.posting.latency.event-time", "Event time to posting", c, c.eventTime(),
                            committedAt);
                }
                case "parked" -> Counter.builder("millrace.events.parked").tag("plant", plant(c))
                        .tag("type", c.type()).tag("reason", c.reason().name()).register(registry).increment();
                default -> Counter.builder("millrace.events.exceptions").tag("plant", plant(c))
                        .tag("type", c.type()).tag("reason", c.reason().name()).register(registry).increment();
            }
        }
    }

    /**
     * One applying transaction, committed or rolled back: its wall time and the CPU time of the
     * thread that ran it, so that CPU per event and the share spent waiting for locks can be read.
     */
    void transaction(long wallNanos, long cpuNanos) {
        Timer.builder("millrace.pipeline.transactions").description("Applying transactions, wall time")
                .register(registry).record(Duration.ofNanos(wallNanos));
        if (cpuNanos >= 0) {
            Counter.builder("millrace.pipeline.cpu").baseUnit("seconds")
                    .description("CPU time of the threads running applying transactions").register(registry)
                    .increment(cpuNanos / 1e9);
        }
    }

    /** Time an applying transaction waited for its lane's lock rows (the cursor, partitions, plants). */
    void lockWaited(long nanos) {
        Timer.builder("millrace.pipeline.lock.wait").description("Applying transactions waiting for lock rows")
                .register(registry).record(Duration.ofNanos(nanos));
    }

    private String plant(BatchWork.Counted c) {
        return c.plant() != null && knownPlant.test(c.plant()) ? c.plant() : "unknown";
    }

    private void latency(String name, String description, BatchWork.Counted c, Instant from, Instant to) {
        if (from == null) {
            return;
        }
        Duration elapsed = Duration.between(from, to);
        Timer.builder(name).description(description).tag("plant", plant(c)).tag("type", c.type())
                .publishPercentileHistogram().register(registry)
                .record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }
}
