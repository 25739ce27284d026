package io.millrace.outbox;

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
 * same CloudEvent ids, which consumers use to deduplicate.
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
    private Thread thread;

    public KafkaOutboundRelay(Outbox outbox, Producer<String, byte[]> producer, KafkaSettings settings, Clock clock) {
        this.store = outbox.store();
        this.producer = producer;
        this.settings = settings;
        this.clock = clock;
        this.subscriber = "kafka:" + settings.outboundTopic();
        outbox.onCommit(wakeup::wake);
    }

    /** One round: sequences new messages, relays the next batch; how many it published. */
    int round() {
        store.sequence(BATCH);
        Instant now = clock.instant();
        if (!store.acquireLease(subscriber, owner, now, now.plus(settings.sendTimeout().multipliedBy(2)))) {
            return 0;
        }
        long from = store.progress(subscriber).orElseThrow().deliveredPosition();
        long highWater = store.highWater();
        List<StoredMessage> batch = store.readAfter(from, highWater, List.of(), BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (StoredMessage m : batch) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", CloudEventBodies.SINGLE.getBytes(StandardCharsets.UTF_8));
            String key = m.subject() != null ? m.subject() : m.plant();
            sends.add(producer.send(new ProducerRecord<>(settings.outboundTopic(), null, key,
                    CloudEventBodies.event(m).toString().getBytes(StandardCharsets.UTF_8), headers)));
        }
        long to = batch.get(batch.size() - 1).position();
        try {
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException ex) {
            store.recordFailure(subscriber, owner, to, String.valueOf(ex.getCause() == null ? ex : ex.getCause()),
                    clock.instant());
            throw new IllegalStateException("Kafka did not acknowledge outbox positions " + batch.get(0).position()
                    + "-" + to, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (!store.recordDelivered(subscriber, owner, from, to, batch.size(), clock.instant())) {
            log.warn("Outbox lease of {} was lost while relaying positions {}-{}", subscriber, batch.get(0).position(),
                    to);
        }
        return batch.size();
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
