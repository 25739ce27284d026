package io.millrace.eventlog.kafka;

import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The client settings of Spring Boot's {@code spring.kafka.*} (security protocol, SASL, SSL,
 * client tuning, {@code spring.kafka.properties.*}) as each kind of client takes them. The hub's
 * own producers, consumers and admin start from these; the settings its guarantees rest on
 * (bootstrap servers, acks, idempotence, isolation, manual commits, serializers) are then set by
 * the hub and cannot be weakened here.
 */
public record KafkaClientProperties(Map<String, Object> producer, Map<String, Object> consumer,
                                    Map<String, Object> admin) {

    public KafkaClientProperties {
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
        admin = Map.copyOf(admin);
    }

    /** Plain connections with the Kafka clients' defaults. */
    public static KafkaClientProperties none() {
        return new KafkaClientProperties(Map.of(), Map.of(), Map.of());
    }

    public static KafkaClientProperties from(KafkaProperties boot) {
        return new KafkaClientProperties(boot.buildProducerProperties(), boot.buildConsumerProperties(),
                boot.buildAdminProperties());
    }
}
