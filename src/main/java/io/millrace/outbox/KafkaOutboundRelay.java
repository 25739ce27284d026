package io.millrace.outbox;

import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes the outbox to the outbound Kafka topic as structured CloudEvents keyed by subject (the
 * plant when there is none), in outbox order. It is one more outbox subscriber (named
 * {@code kafka:<topic>}) with durable progress and a lease, so one instance at a time relays, and a
 * successor continues after the last batch the broker acknowledged. Delivery is at least once: a
 * crash between the acknowledgement and the recorded progress sends that batch again, under the
 * same CloudEvent ids, which consumers use to deduplicate. Each record is published in the trace of
 * the event its message comes from and carries it as the W3C {@code traceparent} record header
 * (the payload being a structured CloudEvent, headers are not its attributes), so that a consumer
 * continues the trace.
 */
public final class KafkaOutboundRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutboundRelay.class);
    private static final int BATCH = 500;

    private final OutboxStore store;
    private final Producer<String, byte[]> producer;
    private final KafkaSettings settings;
    private final Clock clock;
    private final String subscriber;
    private final String owner = "relay-" + UUID.randomUUID();
    private final Wakeup wakeup = new Wakeup();
    private final List<String> types;
    private final DeadLetterHandling deadLetters;
    private final EventTracing tracing;
    private Thread thread;

    public KafkaOutboundRelay(Outbox outbox, Producer<String, byte[]> producer, KafkaSettings settings, Clock clock) {
        this(outbox, producer, settings, clock, OutboxProperties.defaults(List.of()), EventTracing.NONE);
    }

    /**
     * A relay of the hub's own events and of the accepted inbound types {@code outbox.kafka-types}
     * names; a record Kafka will never take is set aside as {@code outbox.dead-letter} says; each is
     * published in its event's trace as {@code tracing} records it.
     */
    public KafkaOutboundRelay(Outbox outbox, Producer<String, byte[]> producer, KafkaSettings settings, Clock clock,
                              OutboxProperties outboxSettings, EventTracing tracing) {
        this.store = outbox.store();
        this.producer = producer;
        this.settings = settings;
        this.clock = clock;
        this.subscriber = "kafka:" + settings.outboundTopic();
        this.types = outboxSettings.kafkaDelivered();
        this.deadLetters = new DeadLetterHandling(store, subscriber, outboxSettings.deadLetter(), clock);
        this.tracing = tracing;
        outbox.onCommit(wakeup::wake);
    }

    /** One round: sequences new messages, relays the next batch; how many it published. */
    int round() {
        store.sequence(BATCH);
        Instant now = clock.instant();
        if (!store.acquireLease(subscriber, owner, now, now.plus(settings.sendTimeout().multipliedBy(2)))) {
            return 0;
        }
        try {
            if (!deadLetters.redeliver(this::sendAll)) {
                return 0;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
        SubscriberProgress progress = store.progress(subscriber).orElseThrow();
        long from = progress.deliveredPosition();
        long highWater = store.highWater();
        List<StoredMessage> read = store.readAfter(from, highWater, types, BATCH);
        if (read.isEmpty()) {
            if (highWater > from) {
                store.skipTo(subscriber, owner, from, highWater);
            }
            return 0;
        }
        long to = read.get(read.size() - 1).position();
        List<StoredMessage> batch = deadLetters.sendable(read);
        if (batch.isEmpty()) {
            store.skipTo(subscriber, owner, from, to);
            return read.size();
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (StoredMessage m : batch) {
            sends.add(send(m));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException ex) {
                failed(from, batch, i, failure(ex));
                throw new IllegalStateException("Kafka did not acknowledge outbox positions "
                        + batch.get(i).position() + "-" + to, ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        if (!store.recordDelivered(subscriber, owner, from, to, batch.size(), clock.instant())) {
            log.warn("Outbox lease of {} was lost while relaying positions {}-{}", subscriber, batch.get(0).position(),
                    to);
        }
        return batch.size();
    }

    /**
     * The record at {@code index} (and so the batch) failed: counted on the head; once it is due, the
     * records before it are recorded as delivered and it is set aside.
     */
    private void failed(long from, List<StoredMessage> batch, int index, WebhookClient.DeliveryFailure failure) {
        StoredMessage failing = batch.get(index);
        int attempts = store.recordFailure(subscriber, owner, failing.position(), failure.getMessage(),
                clock.instant(), failure.kind() == WebhookClient.DeliveryFailure.Kind.UNAVAILABLE);
        SubscriberProgress progress = store.progress(subscriber).orElse(null);
        if (attempts == 0 || progress == null
                || !deadLetters.due(failure.kind(), progress.countedFailures(), progress.failingSince())) {
            return;
        }
        attempts = progress.countedFailures();
        long cursor = from;
        if (index > 0) {
            long before = batch.get(index - 1).position();
            if (!store.recordDelivered(subscriber, owner, from, before, index, clock.instant())) {
                return;
            }
            cursor = before;
        }
        if (deadLetters.setAside(owner, cursor, failing, failure, attempts)) {
            log.warn("Outbox message at position {} is set aside for {} after {} attempt(s): {}", failing.position(),
                    subscriber, attempts, failure.getMessage());
        }
    }

    /** Sends the messages and waits for the broker's acknowledgements. */
    private void sendAll(List<StoredMessage> messages) throws WebhookClient.DeliveryFailure, InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(messages.size());
        for (StoredMessage m : messages) {
            sends.add(send(m));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException ex) {
                throw failure(ex);
            }
        }
    }

    /** A broker that is away or busy is unavailable; any other error (a record too large, say) is a refusal. */
    static WebhookClient.DeliveryFailure failure(Exception ex) {
        Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        boolean transientFailure = cause instanceof TimeoutException
                || cause instanceof org.apache.kafka.common.errors.RetriableException
                || cause instanceof org.apache.kafka.common.errors.InterruptException;
        return new WebhookClient.DeliveryFailure(String.valueOf(cause), transientFailure
                ? WebhookClient.DeliveryFailure.Kind.UNAVAILABLE : WebhookClient.DeliveryFailure.Kind.REFUSED);
    }

    /** Hands the message to the producer in its event's trace; the span ends with the broker's answer. */
    private Future<RecordMetadata> send(StoredMessage m) {
        try (EventTracing.Scope scope = tracing.open("publish kafka", m.traceSource())) {
            java.util.function.Consumer<Throwable> answered = scope.endLater();
            try {
                return producer.send(record(m, scope.traceparent()), (metadata, failure) -> answered.accept(failure));
            } catch (RuntimeException ex) {
                answered.accept(ex);
                throw ex;
            }
        }
    }

    private ProducerRecord<String, byte[]> record(StoredMessage m, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEventBodies.SINGLE.getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            headers.add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return new ProducerRecord<>(settings.outboundTopic(), null, DeadLetterHandling.key(m),
                CloudEventBodies.event(m).toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    private void loop() {
        try {
            store.register(subscriber);
            while (!Thread.currentThread().isInterrupted()) {
                int relayed;
                try {
                    relayed = round();
                } catch (RuntimeException ex) {
                    log.warn("Outbox relay to Kafka could not run: {}", ex.toString());
                    relayed = 0;
                }
                if (relayed < BATCH) {
                    wakeup.await(settings.relayPollInterval());
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                store.releaseLease(subscriber, owner);
            } catch (RuntimeException ex) {
                log.debug("Could not release the relay lease: {}", ex.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::loop, "outbox-kafka-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(settings.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
