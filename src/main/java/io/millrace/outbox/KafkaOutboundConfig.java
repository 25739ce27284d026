package io.millrace.outbox;

import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.kafka.KafkaSettings;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code millrace.kafka.bootstrap} set, the outbox is also relayed to {@code millrace.kafka.outbound-topic}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${millrace.kafka.bootstrap:}'.isBlank()")
class KafkaOutboundConfig {

    @Bean
    KafkaOutboundRelay kafkaOutboundRelay(Outbox outbox, KafkaProducer<String, byte[]> millraceKafkaProducer,
                                          KafkaSettings settings, ObjectProvider<Clock> clock,
                                          OutboxProperties outboxSettings, ObjectProvider<EventTracing> tracing) {
        return new KafkaOutboundRelay(outbox, millraceKafkaProducer, settings, clock.getIfAvailable(Clock::systemUTC),
                outboxSettings, tracing.getIfAvailable(() -> EventTracing.NONE));
    }
}
