package io.millrace.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscriber's messages in position order on its own thread, so that a subscriber
 * that is slow or down holds up nobody else. Each round takes (or renews) the subscriber's lease,
 * sends the next batch after the stored progress and records the outcome; a failure is retried
 * after an exponential backoff, and the circuit breaker stops calling a subscriber that keeps
 * failing until its open duration has passed.
 */
final class SubscriberWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SubscriberWorker.class);

    private final OutboxProperties.Webhook webhook;
    private final OutboxStore store;
    private final WebhookClient client;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final Clock clock;
    private final String owner;
    private final OutboxProperties settings;
    private final Counter delivered;
    private final Counter failures;
    private final AtomicLong lag;
    private final Wakeup wakeup = new Wakeup();

    SubscriberWorker(OutboxProperties.Webhook webhook, OutboxStore store, CircuitBreaker breaker, Clock clock,
                     String owner, OutboxProperties settings, Counter delivered, Counter failures, AtomicLong lag) {
        this.webhook = webhook;
        this.store = store;
        this.client = new WebhookClient(webhook, settings.connectTimeout(), settings.requestTimeout(), clock);
        this.breaker = breaker;
        this.backoff = new Backoff(settings.retry().initialBackoff(), settings.retry().maxBackoff());
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
        this.delivered = delivered;
        this.failures = failures;
        this.lag = lag;
    }

    void wake() {
        wakeup.wake();
    }

    @Override
    public void run() {
        try {
            store.register(webhook.name());
            while (!Thread.currentThread().isInterrupted()) {
                Duration pause;
                try {
                    pause = round();
                } catch (RuntimeException ex) {
                    log.warn("Outbox delivery to {} could not run: {}", webhook.name(), ex.toString());
                    pause = settings.pollInterval();
                }
                if (pause == null) {
                    wakeup.await(settings.pollInterval());
                } else if (!pause.isZero()) {
                    TimeUnit.MILLISECONDS.sleep(pause.toMillis());
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                store.releaseLease(webhook.name(), owner);
            } catch (RuntimeException ex) {
                log.debug("Could not release the outbox lease of {}: {}", webhook.name(), ex.toString());
            }
        }
    }

    /** Sends the batch; an unexpected error counts as a failed delivery so that the breaker's permit is returned. */
    private void send(List<StoredMessage> batch) throws WebhookClient.DeliveryFailure, InterruptedException {
        try {
            client.post(CloudEventBodies.of(batch, webhook.batchSize() > 1));
        } catch (RuntimeException ex) {
            throw new WebhookClient.DeliveryFailure(ex.toString());
        }
    }

    /** One round; returns how long to pause before the next: null to wait for new messages, zero for none. */
    Duration round() throws InterruptedException {
        Instant now = clock.instant();
        if (!store.acquireLease(webhook.name(), owner, now, now.plus(settings.leaseDuration()))) {
            store.progress(webhook.name()).ifPresent(p -> lag.set(store.undelivered(p.deliveredPosition(),
                    webhook.types())));
            return null;
        }
        SubscriberProgress progress = store.progress(webhook.name()).orElseThrow();
        long from = progress.deliveredPosition();
        long highWater = store.highWater();
        List<StoredMessage> batch = store.readAfter(from, highWater, webhook.types(), webhook.batchSize());
        if (batch.isEmpty()) {
            if (highWater > from) {
                store.skipTo(webhook.name(), owner, from, highWater);
            }
            lag.set(store.undelivered(Math.max(from, highWater), webhook.types()));
            return null;
        }
        if (!breaker.tryAcquirePermission()) {
            lag.set(store.undelivered(from, webhook.types()));
            return backoff.after(Math.max(1, progress.attempts()));
        }
        long to = batch.get(batch.size() - 1).position();
        long started = System.nanoTime();
        try {
            send(batch);
        } catch (WebhookClient.DeliveryFailure ex) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
            failures.increment();
            int attempts = store.recordFailure(webhook.name(), owner, to, ex.getMessage(), clock.instant());
            lag.set(store.undelivered(from, webhook.types()));
            log.info("Outbox delivery to {} of positions {}-{} failed (attempt {}): {}", webhook.name(),
                    batch.get(0).position(), to, attempts, ex.getMessage());
            return backoff.after(Math.max(1, attempts));
        }
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (store.recordDelivered(webhook.name(), owner, from, to, batch.size(), clock.instant())) {
            delivered.increment(batch.size());
        } else {
            log.warn("Outbox lease of {} was lost while delivering positions {}-{}: they may be delivered again",
                    webhook.name(), batch.get(0).position(), to);
        }
        lag.set(store.undelivered(to, webhook.types()));
        return Duration.ZERO;
    }
}
