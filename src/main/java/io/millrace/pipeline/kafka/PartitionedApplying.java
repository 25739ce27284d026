package io.millrace.pipeline.kafka;

import io.millrace.eventlog.kafka.KafkaClients;
import io.millrace.eventlog.kafka.KafkaReplication;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.pipeline.Failures;
import io.millrace.pipeline.LaneRetries;
import io.millrace.pipeline.PartitionProcessor;
import io.millrace.pipeline.PartitionProcessor.Delivery;
import io.millrace.pipeline.PipelineDriver;
import io.millrace.pipeline.PipelineSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The consumer of the events topic in group {@code <millrace.kafka.group>-apply}: the group gives
 * each hub instance its share of the partitions, and this thread hands every poll's records to the
 * {@link PartitionProcessor} as one transaction. Where to read from comes from the database (the
 * offsets stored with the postings), on every assignment and after every failed transaction, so
 * nothing is skipped and a redelivery is harmless; the group's own committed offsets only show the
 * lag to operators.
 *
 * <p>A poll whose transaction fails is read again from the stored offsets as {@link LaneRetries}
 * says: after a back-off for as long as the machinery fails, and record by record, isolating a
 * poison event, when it keeps failing for a reason of its records.
 */
final class PartitionedApplying implements SmartLifecycle, PipelineDriver {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedApplying.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);

    private final PartitionProcessor processor;
    private final KafkaSettings settings;
    private final PipelineSettings pipeline;
    private final AtomicBoolean masterDataChanged = new AtomicBoolean();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final LaneRetries<Delivery> retries;
    private long nextSweep;

    PartitionedApplying(PartitionProcessor processor, KafkaSettings settings, PipelineSettings pipeline) {
        this.processor = processor;
        this.settings = settings;
        this.pipeline = pipeline;
        this.retries = new LaneRetries<>(new LaneRetries.Target<>() {
            @Override
            public void apply(List<Delivery> batch) {
                processor.apply(batch);
            }

            @Override
            public void isolate(Delivery item, String failure) {
                processor.isolate(item, failure);
            }
        }, d -> "record " + d.partition() + "-" + d.offset());
    }

    @Override
    public void masterDataChanged() {
        masterDataChanged.set(true);
    }

    @Override
    public void start() {
        if (!pipeline.enabled() || running) {
            return;
        }
        Map<String, Object> config = KafkaClients.consumerConfig(settings, settings.group() + "-apply");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "millrace-apply-" + UUID.randomUUID());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pipeline.batchSize());
        // partitions dealt out in turn rather than in ranges: a plant is a partition (ADR 17), and a company's
        // few plants often hash to neighbouring partitions that a range would give to one instance
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RoundRobinAssignor.class.getName());
        // a killed instance's partitions move to the others after this long without heartbeats
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::loop, "millrace-pipeline-partitions");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(15_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        KafkaConsumer<String, byte[]> c = consumer;
        try (c) {
            c.subscribe(List.of(settings.topic()), new Rebalance(c));
            while (running) {
                housekeeping();
                try {
                    ConsumerRecords<String, byte[]> records = c.poll(pipeline.pollInterval());
                    if (!records.isEmpty() && applyAll(c, deliveries(records))) {
                        c.commitAsync();
                    }
                } catch (WakeupException ex) {
                    throw ex;
                } catch (RuntimeException ex) {
                    // a rebalance callback could not reach the database: positions fall back to the
                    // group's committed offsets, which never run ahead of the stored ones
                    LOG.warn("polling the events topic failed: {}", Failures.describe(ex));
                    sleep(500);
                }
            }
        } catch (WakeupException ex) {
            if (running) {
                LOG.error("the partition consumer was woken up unexpectedly", ex);
            }
        } catch (RuntimeException | Error ex) {
            LOG.error("the partition consumer stopped: {}", Failures.describe(ex), ex);
        } finally {
            running = false;
        }
    }

    /** Applies one poll; false (after seeking back to the stored offsets) when it must be read again. */
    private boolean applyAll(KafkaConsumer<String, byte[]> c, List<Delivery> deliveries) {
        if (retries.apply(deliveries)) {
            return true;
        }
        seekBack(c, deliveries);
        return false;
    }

    private void seekBack(KafkaConsumer<String, byte[]> c, List<Delivery> deliveries) {
        Set<Integer> partitions = new TreeSet<>();
        deliveries.forEach(d -> partitions.add(d.partition()));
        try {
            Set<TopicPartition> assigned = c.assignment();
            processor.nextOffsets(partitions).forEach((p, offset) -> {
                TopicPartition tp = new TopicPartition(settings.topic(), p);
                if (assigned.contains(tp)) {
                    c.seek(tp, offset);
                }
            });
        } catch (RuntimeException ex) {
            // the stored offsets could not be read: read everything of this poll again from where it began
            LOG.warn("could not read the stored offsets: {}", Failures.describe(ex));
            for (Delivery d : deliveries) {
                TopicPartition tp = new TopicPartition(settings.topic(), d.partition());
                if (c.assignment().contains(tp) && c.position(tp) > d.offset()) {
                    c.seek(tp, d.offset());
                }
            }
        }
    }

    /** Master-data retries, the sweep of parked events and park-window expiry; failures never isolate events. */
    private void housekeeping() {
        if (masterDataChanged.getAndSet(false)) {
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
            LOG.warn("retrying or expiring parked events failed: {}", Failures.describe(ex));
        }
    }

    private static List<Delivery> deliveries(ConsumerRecords<String, byte[]> records) {
        List<Delivery> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(new Delivery(r.partition(), r.offset(), trackingId(r)));
        }
        return out;
    }

    private static UUID trackingId(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(KafkaReplication.TRACKING_ID);
        if (header == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Seeks every newly assigned partition to the offset the database stored with its postings. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<Integer, Long> offsets = processor.assigned(partitions.stream().map(TopicPartition::partition).toList());
            offsets.forEach((p, offset) -> consumer.seek(new TopicPartition(settings.topic(), p), offset));
            LOG.info("applying partitions {} of {}", offsets.keySet(), settings.topic());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            processor.revoked(partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
