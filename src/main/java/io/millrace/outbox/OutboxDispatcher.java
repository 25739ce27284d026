package io.millrace.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.eventlog.EventTracing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox delivery on threads of its own: a watcher that wakes the workers when messages
 * commit, and one worker per subscriber. Publishes, per subscriber,
 * {@code millrace.outbox.delivered} and {@code millrace.outbox.delivery.failures} (counters),
 * {@code millrace.outbox.lag} (messages not delivered yet), {@code millrace.outbox.set.aside} (dead
 * letters and the messages held behind them) and {@code millrace.outbox.circuit.state}
 * (0 closed, 1 open, 2 half-open, 3 other).
 */
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int SEQUENCE_BATCH = 1000;

    private final Outbox outbox;
    private final OutboxProperties settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final EventTracing tracing;
    private final String owner = "hub-" + UUID.randomUUID();
    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    private final List<Meter> registered = new ArrayList<>();
    private final Wakeup sequencerWakeup = new Wakeup();
    private List<SubscriberWorker> workers = List.of();
    private ExecutorService threads;

    public OutboxDispatcher(Outbox outbox, OutboxProperties settings, Clock clock, MeterRegistry meters) {
        this(outbox, settings, clock, meters, EventTracing.NONE);
    }

    /** A dispatcher that delivers each message in its event's trace, as {@code tracing} records it. */
    public OutboxDispatcher(Outbox outbox, OutboxProperties settings, Clock clock, MeterRegistry meters,
                            EventTracing tracing) {
        this.outbox = outbox;
        this.tracing = tracing;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitBreaker().failureThreshold())
                .minimumNumberOfCalls(settings.circuitBreaker().failureThreshold())
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.circuitBreaker().openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        for (OutboxProperties.Webhook webhook : settings.webhooks()) {
            CircuitBreaker breaker = CircuitBreaker.of("outbox-" + webhook.name(), config);
            breaker.getEventPublisher().onStateTransition(e -> log.info("Outbox circuit of {}: {}", webhook.name(),
                    e.getStateTransition()));
            breakers.put(webhook.name(), breaker);
        }
        outbox.onCommit(sequencerWakeup::wake);
    }

    /** The circuit state of the subscriber's delivery. */
    public CircuitBreaker.State circuitState(String subscriber) {
        CircuitBreaker breaker = breakers.get(subscriber);
        if (breaker == null) {
            throw new IllegalArgumentException("no outbox subscriber named " + subscriber);
        }
        return breaker.getState();
    }

    @Override
    public synchronized void start() {
        if (threads != null) {
            return;
        }
        List<OutboxProperties.Webhook> webhooks = settings.webhooks();
        threads = Executors.newFixedThreadPool(webhooks.size() + 1, new NamedThreads());
        List<SubscriberWorker> started = new ArrayList<>();
        for (OutboxProperties.Webhook webhook : webhooks) {
            SubscriberWorker worker = worker(webhook);
            started.add(worker);
            threads.execute(worker);
        }
        workers = List.copyOf(started);
        threads.execute(this::sequenceLoop);
        log.info("Outbox delivery started for {} subscriber(s): {}", webhooks.size(), webhooks);
    }

    private SubscriberWorker worker(OutboxProperties.Webhook webhook) {
        String name = webhook.name();
        CircuitBreaker breaker = breakers.get(name);
        Counter delivered = register(Counter.builder("millrace.outbox.delivered").tag("subscriber", name)
                .description("Messages delivered to the subscriber").register(meters));
        Counter failures = register(Counter.builder("millrace.outbox.delivery.failures").tag("subscriber", name)
                .description("Failed delivery attempts to the subscriber").register(meters));
        AtomicLong lag = new AtomicLong();
        register(Gauge.builder("millrace.outbox.lag", lag, AtomicLong::get).tag("subscriber", name)
                .description("Messages for the subscriber not delivered yet").register(meters));
        OutboxStore store = outbox.store();
        register(Gauge.builder("millrace.outbox.set.aside", store, st -> st.countWaiting(name)).tag("subscriber", name)
                .description("Messages set aside for the subscriber, or held behind one, not delivered yet")
                .register(meters));
        register(Gauge.builder("millrace.outbox.circuit.state", breaker, OutboxDispatcher::stateCode)
                .tag("subscriber", name).description("0 closed, 1 open, 2 half-open, 3 other").register(meters));
        return new SubscriberWorker(webhook, outbox.store(), breaker, clock, owner, settings, delivered, failures, lag,
                tracing);
    }

    private <M extends Meter> M register(M meter) {
        registered.add(meter);
        return meter;
    }

    private static double stateCode(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    /** Wakes the workers whenever new messages committed, sequencing any a hub before the upgrade left. */
    private void sequenceLoop() {
        OutboxStore store = outbox.store();
        long seen = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int sequenced = store.sequence(SEQUENCE_BATCH);
                long highWater = store.highWater();
                if (sequenced > 0 || highWater != seen) {
                    seen = highWater;
                    workers.forEach(SubscriberWorker::wake);
                }
                if (sequenced < SEQUENCE_BATCH) {
                    sequencerWakeup.await(settings.pollInterval());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ex) {
                log.warn("Outbox sequencing could not run: {}", ex.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (threads == null) {
            return;
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("Outbox delivery threads did not stop in time");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        registered.forEach(meters::remove);
        registered.clear();
        threads = null;
        workers = List.of();
    }

    @Override
    public synchronized boolean isRunning() {
        return threads != null;
    }

    /** Named daemon threads, so that a thread dump shows which subscriber a thread serves. */
    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private int next;

        @Override
        public synchronized Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "outbox-" + next++);
            thread.setDaemon(true);
            return thread;
        }
    }
}
