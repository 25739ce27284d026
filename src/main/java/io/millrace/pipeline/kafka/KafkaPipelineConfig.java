package io.millrace.pipeline.kafka;

import io.millrace.eventlog.kafka.KafkaReplication;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.pipeline.PartitionProcessor;
import io.millrace.pipeline.Partitioning;
import io.millrace.pipeline.PipelineSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code millrace.kafka.bootstrap} set: the events topic's partitioning and the consumer that applies. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${millrace.kafka.bootstrap:}'.isBlank()")
class KafkaPipelineConfig {

    /** The partitions as the broker has them now (the topic may predate the configured count). */
    @Bean
    Partitioning partitioning(KafkaProducer<String, byte[]> millraceKafkaProducer, KafkaSettings settings) {
        int partitions = millraceKafkaProducer.partitionsFor(settings.topic()).size();
        return new Partitioning(settings.topic(), partitions,
                event -> KafkaReplication.partition(KafkaReplication.key(event), partitions));
    }

    @Bean
    PartitionedApplying partitionedApplying(PartitionProcessor processor, KafkaSettings settings,
                                            PipelineSettings pipeline) {
        return new PartitionedApplying(processor, settings, pipeline);
    }
}
