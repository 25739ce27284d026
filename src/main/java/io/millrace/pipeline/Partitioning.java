package io.millrace.pipeline;

import io.millrace.eventlog.LoggedEvent;
import java.util.function.ToIntFunction;

/**
 * How the events topic is partitioned, for applying shared out by partition: the topic, its
 * number of partitions, and the partition an accepted event's record went to (by its key, as the
 * producer's partitioner chose).
 */
public record Partitioning(String topic, int partitions, ToIntFunction<LoggedEvent> partitionOf) {

    public Partitioning {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
    }

    int of(LoggedEvent event) {
        return partitionOf.applyAsInt(event);
    }
}
