package io.millrace.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.millrace.eventlog.EventTracing;
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
 * failing until its open duration has passed. Each request is sent in the trace of the event its
 * message comes from (linked to each event's trace for a batch), and carries that trace as its
 * W3C {@code traceparent} header so that the subscriber continues it.
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
    private final DeadLetterHandling deadLetters;
    private final EventTracing tracing;

    SubscriberWorker(OutboxProperties.Webhook webhook, OutboxStore store, CircuitBreaker breaker, Clock clock,
                     String owner, OutboxProperties settings, Counter delivered, Counter failures, AtomicLong lag,
                     EventTracing tracing) {
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
        this.deadLetters = new DeadLetterHandling(store, webhook.name(), settings.deadLetter(), clock);
        this.tracing = tracing;
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

    /**
     * Sends the messages in their events' trace and log context, the breaker's permission already
     * taken; an unexpected error counts as a failed delivery, so that the permission is returned and
     * the breaker learns of every outcome.
     */
    private void send(List<StoredMessage> messages) throws WebhookClient.DeliveryFailure, InterruptedException {
        long started = System.nanoTime();
        try (EventTracing.Scope scope = tracing.open("deliver webhook",
                messages.stream().map(StoredMessage::traceSource).toList())) {
            try {
                try {
                    client.post(CloudEventBodies.of(messages, webhook.batchSize() > 1), scope.traceparent());
                } catch (RuntimeException ex) {
                    throw new WebhookClient.DeliveryFailure(ex.toString(), WebhookClient.DeliveryFailure.Kind.FAILED);
                }
            } catch (WebhookClient.DeliveryFailure ex) {
                scope.failed(ex);
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
                failures.increment();
                log.debug("Delivery to {} of positions {}-{} failed: {}", webhook.name(), messages.get(0).position(),
                        messages.get(messages.size() - 1).position(), ex.getMessage());
                throw ex;
            }
            if (log.isDebugEnabled()) {
                log.debug("Delivered positions {}-{} to {}", messages.get(0).position(),
                        messages.get(messages.size() - 1).position(), webhook.name());
            }
        }
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Sends the messages if the circuit lets a call through; an open circuit is the subscriber being unavailable. */
    private void sendPermitted(List<StoredMessage> messages) throws WebhookClient.DeliveryFailure,
            InterruptedException {
        if (!breaker.tryAcquirePermission()) {
            throw new WebhookClient.DeliveryFailure("the circuit is open", WebhookClient.DeliveryFailure.Kind.UNAVAILABLE);
        }
        send(messages);
    }

    /** One round; returns how long to pause before the next: null to wait for new messages, zero for none. */
    Duration round() throws InterruptedException {
        Instant now = clock.instant();
        List<String> types = webhook.delivered();
        if (!store.acquireLease(webhook.name(), owner, now, now.plus(settings.leaseDuration()))) {
            store.progress(webhook.name()).ifPresent(p -> lag.set(store.undelivered(p.deliveredPosition(), types)));
            return null;
        }
        if (!deadLetters.redeliver(this::sendPermitted)) {
            return backoff.after(Math.max(1, store.progress(webhook.name()).map(SubscriberProgress::attempts)
                    .orElse(1)));
        }
        SubscriberProgress progress = store.progress(webhook.name()).orElseThrow();
        long from = progress.deliveredPosition();
        long highWater = store.highWater();
        List<StoredMessage> read = store.readAfter(from, highWater, types, webhook.batchSize());
        if (read.isEmpty()) {
            if (highWater > from) {
                store.skipTo(webhook.name(), owner, from, highWater);
            }
            lag.set(store.undelivered(Math.max(from, highWater), types));
            return null;
        }
        long to = read.get(read.size() - 1).position();
        List<StoredMessage> batch = deadLetters.sendable(read);
        if (batch.isEmpty()) {
            store.skipTo(webhook.name(), owner, from, to);
            return Duration.ZERO;
        }
        if (!breaker.tryAcquirePermission()) {
            lag.set(store.undelivered(from, types));
            return backoff.after(Math.max(1, progress.attempts()));
        }
        try {
            send(batch);
        } catch (WebhookClient.DeliveryFailure ex) {
            int attempts = store.recordFailure(webhook.name(), owner, to, ex.getMessage(), clock.instant(),
                    ex.kind() == WebhookClient.DeliveryFailure.Kind.UNAVAILABLE);
            lag.set(store.undelivered(from, types));
            log.info("Outbox delivery to {} of positions {}-{} failed (attempt {}): {}", webhook.name(),
                    batch.get(0).position(), to, attempts, ex.getMessage());
            SubscriberProgress failing = store.progress(webhook.name()).orElse(null);
            if (attempts > 0 && failing != null
                    && deadLetters.due(ex.kind(), failing.countedFailures(), failing.failingSince())) {
                return setAside(from, to, batch, ex, failing.countedFailures());
            }
            return backoff.after(Math.max(1, attempts));
        }
        if (store.recordDelivered(webhook.name(), owner, from, to, batch.size(), clock.instant())) {
            delivered.increment(batch.size());
        } else {
            log.warn("Outbox lease of {} was lost while delivering positions {}-{}: they may be delivered again",
                    webhook.name(), batch.get(0).position(), to);
        }
        lag.set(store.undelivered(to, types));
        return Duration.ZERO;
    }

    /**
     * The head kept failing: a single message is set aside; a batch is sent again one message at
     * a time, so that only the messages that fail are set aside (and the later ones of their key
     * held behind them) while the others are delivered.
     */
    private Duration setAside(long from, long to, List<StoredMessage> batch, WebhookClient.DeliveryFailure failure,
                              int attempts) throws InterruptedException {
        if (batch.size() == 1) {
            StoredMessage message = batch.get(0);
            if (deadLetters.setAside(owner, from, message, failure, attempts)) {
                log.warn("Outbox message at position {} is set aside for {} after {} attempt(s): {}",
                        message.position(), webhook.name(), attempts, failure.getMessage());
                if (to > message.position()) {
                    store.skipTo(webhook.name(), owner, message.position(), to);
                }
            }
            return Duration.ZERO;
        }
        long cursor = from;
        java.util.Set<String> dead = new java.util.HashSet<>();
        for (StoredMessage message : batch) {
            if (dead.contains(DeadLetterHandling.key(message))) {
                deadLetters.hold(message);
                continue;
            }
            try {
                // part of the attempt that just failed (the circuit may have opened on it): not asked again
                send(List.of(message));
                if (!store.recordDelivered(webhook.name(), owner, cursor, message.position(), 1, clock.instant())) {
                    return Duration.ZERO;
                }
                delivered.increment();
            } catch (WebhookClient.DeliveryFailure single) {
                if (single.kind() == WebhookClient.DeliveryFailure.Kind.UNAVAILABLE) {
                    store.recordFailure(webhook.name(), owner, to, single.getMessage(), clock.instant(), true);
                    return backoff.after(Math.max(1, attempts));
                }
                if (!deadLetters.setAside(owner, cursor, message, single, attempts)) {
                    return Duration.ZERO;
                }
                log.warn("Outbox message at position {} is set aside for {}: {}", message.position(), webhook.name(),
                        single.getMessage());
                dead.add(DeadLetterHandling.key(message));
            }
            cursor = message.position();
        }
        if (to > cursor) {
            store.skipTo(webhook.name(), owner, cursor, to);
        }
        return Duration.ZERO;
    }
}
