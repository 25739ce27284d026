package io.millrace.eventlog.kafka;

import io.millrace.eventlog.AppendHook;
import io.millrace.eventlog.EventLogFailure;
import io.millrace.eventlog.LoggedEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * Produces every appended event to the events topic inside the append's transaction and waits for
 * the broker's acknowledgement of the whole batch; any failure throws, which rolls the append back,
 * so no receipt is handed out for an event the topic does not hold.
 *
 * <p>Records are keyed by plant, so that all of one plant's events share a partition in acceptance
 * order and the consumer group hands each instance whole plants: applying a plant's events in
 * acceptance order then gives the same books whatever the number of instances (ADR 17). The value is the accepted event as a structured CloudEvent, and the headers carry the
 * hub's tracking id and log position.
 */
public final class KafkaReplication implements AppendHook {

    public static final String CONTENT_TYPE = "content-type";
    public static final String STRUCTURED = "application/cloudevents+json; charset=UTF-8";
    public static final String TRACKING_ID = "millrace-tracking-id";
    public static final String POSITION = "millrace-position";

    private final Producer<String, byte[]> producer;
    private final KafkaSettings settings;

    public KafkaReplication(Producer<String, byte[]> producer, KafkaSettings settings) {
        this.producer = producer;
        this.settings = settings;
    }

    /** The record key of an event: its plant, else its source (so that a key is never null). */
    public static String key(LoggedEvent event) {
        return event.plant() != null ? event.plant() : event.source();
    }

    /**
     * The partition the producer's default partitioner gives a record of this key: murmur2 of the
     * key's UTF-8 bytes, made positive, modulo the partitions. Applying shared out by partition
     * uses it to find an event's partition from the event alone.
     */
    public static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void beforeCommit(List<LoggedEvent> appended) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(appended.size());
        try {
            for (LoggedEvent event : appended) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(CONTENT_TYPE, STRUCTURED.getBytes(StandardCharsets.UTF_8));
                headers.add(TRACKING_ID, event.trackingId().toString().getBytes(StandardCharsets.UTF_8));
                headers.add(POSITION, Long.toString(event.position()).getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(new ProducerRecord<>(settings.topic(), null, key(event),
                        event.json().getBytes(StandardCharsets.UTF_8), headers)));
            }
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException ex) {
            throw new EventLogFailure("Kafka did not acknowledge the batch on " + settings.topic() + ": "
                    + ex.getCause().getMessage(), ex.getCause());
        } catch (TimeoutException ex) {
            throw new EventLogFailure("Kafka did not acknowledge the batch on " + settings.topic() + " within "
                    + settings.sendTimeout(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new EventLogFailure("interrupted while waiting for Kafka", ex);
        } catch (RuntimeException ex) {
            throw new EventLogFailure("could not produce the batch to " + settings.topic() + ": " + ex.getMessage(), ex);
        }
    }
}
