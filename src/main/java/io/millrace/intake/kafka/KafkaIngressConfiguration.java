package io.millrace.intake.kafka;

import io.millrace.eventlog.kafka.KafkaClients;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.intake.EventIntake;
import io.millrace.intake.IntakeLimits;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Consumes the inbound topic when {@code millrace.kafka.bootstrap} is set. All hub instances join
 * one consumer group and share its partitions; offsets are committed after each poll's records are
 * appended or rejected. A poll that fails (database or broker down) is retried with backoff.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${millrace.kafka.bootstrap:}'.isBlank()")
class KafkaIngressConfiguration {

    @Bean
    KafkaIngress kafkaIngress(EventIntake intake, IntakeLimits limits, KafkaProducer<String, byte[]> millraceKafkaProducer,
                              KafkaSettings settings) {
        return new KafkaIngress(intake, new KafkaProducers(settings), limits, millraceKafkaProducer, settings);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> kafkaIngressContainer(KafkaIngress ingress,
                                                                            KafkaSettings settings) {
        ContainerProperties properties = new ContainerProperties(settings.inboundTopic());
        properties.setGroupId(settings.group() + "-ingress");
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setMessageListener((BatchMessageListener<String, byte[]>) ingress::take);
        ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(KafkaClients.consumerConfig(settings, settings.group() + "-ingress")),
                properties);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
        backOff.setMaxInterval(10_000);
        container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return container;
    }
}
