/**
 * Applying shared out over hub instances with Kafka (ADR 0005): the consumer of the events topic
 * whose group divides the partitions among the instances, and the wiring that tells the pipeline
 * how the topic is partitioned. Each instance hands the records of its partitions to the
 * pipeline's {@link io.millrace.pipeline.PartitionProcessor}; the database, not the consumer
 * group's offsets, records what has been taken up.
 */
package io.millrace.pipeline.kafka;
