package io.millrace.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.millrace.eventlog.EventTracing;
import io.millrace.observability.Outages;
import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.erp.ErpReferenceData.Refusal;
import io.millrace.intake.EventIntake;
import io.millrace.masterdata.MasterDataUpserts;
import io.millrace.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the ERP connection on two threads of its own: one delivers journal entries, one
 * synchronises reference data and released orders at start and then every sync interval. Neither
 * ever stops the hub: an unreachable ERP is reported in the status and tried again later.
 */
public class ErpConnector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ErpConnector.class);

    private final Erp erp;
    private final ErpDeliveries deliveries;
    private final ErpProperties settings;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final DeliveryWorker worker;
    private final ReferenceDataSync referenceSync;
    private final ReleasedOrderIntake releasedOrders;
    private final ErpMetrics metrics;
    private volatile Instant lastContact;
    private volatile String lastError;
    private volatile boolean connected;
    private ExecutorService threads;

    public ErpConnector(Erp erp, ErpDeliveries deliveries, ErpProperties settings, Outbox outbox,
                        MasterDataUpserts upserts, EventIntake intake, Clock clock, MeterRegistry meters,
                        EventTracing tracing) {
        this.erp = erp;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
        this.breaker = CircuitBreaker.of("erp", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitBreaker().failureThreshold())
                .minimumNumberOfCalls(settings.circuitBreaker().failureThreshold())
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.circuitBreaker().openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.info("ERP circuit: {}", e.getStateTransition()));
        this.metrics = new ErpMetrics(meters, () -> backlog(), () -> lagSeconds(), () -> connected ? 1 : 0);
        this.worker = new DeliveryWorker(erp, outbox, deliveries, settings, breaker, clock,
                "hub-" + UUID.randomUUID(), metrics, this::contact, tracing);
        this.referenceSync = new ReferenceDataSync(erp, upserts, deliveries, clock);
        this.releasedOrders = new ReleasedOrderIntake(erp, intake, deliveries, clock);
    }

    /** Notes every opening of the circuit, until it closes again, as an ERP outage (resilience figures). */
    public void noteOutagesIn(Outages outages) {
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN, FORCED_OPEN -> outages.began(Outages.ERP, erp.name());
                case CLOSED -> outages.ended(Outages.ERP, erp.name());
                default -> {
                }
            }
        });
    }

    public Erp erp() {
        return erp;
    }

    /** Synchronises reference data and released orders now; answers the reference records refused. */
    public List<Refusal> synchronise() {
        try {
            List<Refusal> refusals = referenceSync.run();
            metrics.syncRefusals(refusals.size());
            releasedOrders.run();
            contact(null);
            return refusals;
        } catch (ErpUnavailableException | ErpRefusedException ex) {
            contact(ex);
            throw ex;
        }
    }

    /** One delivery round now (for tests and benchmarks that drive delivery themselves). */
    Duration deliverOnce() {
        return worker.round();
    }

    @Override
    public synchronized void start() {
        if (threads != null) {
            return;
        }
        threads = Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, "erp-" + erp.name());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::syncLoop);
        if (settings.dispatch()) {
            threads.execute(this::deliveryLoop);
        }
        log.info("ERP {} connected through {}", erp.name(), settings.url());
    }

    /** Synchronises every sync interval; after a failure sooner, from 2 s doubling up to the interval. */
    private void syncLoop() {
        Duration retry = Duration.ofSeconds(2);
        while (!Thread.currentThread().isInterrupted()) {
            Duration pause = settings.syncInterval();
            try {
                synchronise();
                retry = Duration.ofSeconds(2);
            } catch (RuntimeException ex) {
                pause = retry.compareTo(settings.syncInterval()) < 0 ? retry : settings.syncInterval();
                retry = retry.multipliedBy(2);
                log.warn("ERP synchronisation failed, will try again in {}: {}", pause, ex.toString());
            }
            if (!sleep(pause)) {
                return;
            }
        }
    }

    private void deliveryLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Duration pause;
                try {
                    pause = worker.round();
                } catch (RuntimeException ex) {
                    log.warn("ERP delivery could not run: {}", ex.toString());
                    pause = settings.pollInterval();
                }
                if (!sleep(pause == null ? settings.pollInterval() : pause)) {
                    return;
                }
            }
        } finally {
            try {
                worker.release();
            } catch (RuntimeException ex) {
                log.debug("Could not release the ERP delivery lease: {}", ex.toString());
            }
        }
    }

    private static boolean sleep(Duration pause) {
        if (pause.isZero()) {
            return true;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void contact(RuntimeException failure) {
        if (failure == null || failure instanceof ErpRefusedException) {
            connected = true;
            lastContact = clock.instant();
            lastError = failure == null ? lastError : failure.getMessage();
        } else {
            connected = false;
            lastError = failure.getMessage();
        }
    }

    private long backlog() {
        return deliveries.counts().getOrDefault(Delivery.DeliveryState.PENDING.name(), 0L);
    }

    private double lagSeconds() {
        return deliveries.oldestPending().map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    /** The connection, delivery and synchronisation state. */
    public ErpStatus status() {
        List<ErpDeliveries.SyncState> syncs = new ArrayList<>();
        deliveries.sync(ReferenceDataSync.NAME).ifPresent(syncs::add);
        deliveries.sync(ReleasedOrderIntake.NAME).ifPresent(syncs::add);
        var counts = deliveries.counts();
        return new ErpStatus(erp.name(), settings.kind(), String.valueOf(settings.url()),
                connected ? "CONNECTED" : "UNREACHABLE", lastContact, lastError, breaker.getState().name(),
                settings.summarise() ? "SUMMARISED" : "PER_ENTRY",
                new ErpStatus.Backlog(counts.get("PENDING"), counts.get("REFUSED"), counts.get("DELIVERED"),
                        lagSeconds(), deliveries.lastDelivered().orElse(null)),
                syncs, referenceSync.lastRefusals(), releasedOrders.source(), releasedOrders.recent());
    }

    @Override
    public synchronized void stop() {
        if (threads == null) {
            return;
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("ERP threads did not stop in time");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        threads = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return threads != null;
    }
}
