package io.millrace.eventlog.kafka;

import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.EventLog;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Kafka event log when {@code millrace.kafka.bootstrap} is set: creates the missing
 * topics at start-up (failing the start when the broker is unreachable) and one idempotent producer
 * per instance. The settings come from {@link KafkaSettingsConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${millrace.kafka.bootstrap:}'.isBlank()")
class KafkaEventLogConfiguration {

    /** The hub's producer; named so that the other Kafka adapters share it. */
    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> millraceKafkaProducer(KafkaSettings settings) {
        KafkaClients.createTopics(settings);
        return KafkaClients.producer(settings, "millrace-hub");
    }

    @Bean
    EventLog eventLog(DataSource dataSource, ObjectProvider<Clock> clock, AppendSignal appended,
                      KafkaProducer<String, byte[]> millraceKafkaProducer, KafkaSettings settings) {
        return new KafkaEventLog(dataSource, clock.getIfAvailable(Clock::systemUTC), appended, millraceKafkaProducer,
                settings);
    }
}
