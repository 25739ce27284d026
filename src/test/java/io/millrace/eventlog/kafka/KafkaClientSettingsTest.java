package io.millrace.eventlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring Boot's {@code spring.kafka.*} client settings reach every Kafka client of the hub, so
 * that SASL and TLS clusters work; the settings the hub's guarantees rest on stay the hub's.
 */
class KafkaClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"hub\" password=\"secret\";";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(KafkaSettingsConfiguration.class)
            .withPropertyValues(
                    "millrace.kafka.bootstrap=kafka-1.plant.example:9093",
                    "millrace.kafka.group=hub-p100",
                    "spring.kafka.bootstrap-servers=elsewhere:9092",
                    "spring.kafka.security.protocol=SASL_SSL",
                    "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "spring.kafka.properties.sasl.jaas.config=" + JAAS,
                    "spring.kafka.ssl.trust-store-location=file:/etc/millrace/kafka-truststore.p12",
                    "spring.kafka.ssl.trust-store-password=changeit",
                    "spring.kafka.ssl.trust-store-type=PKCS12",
                    "spring.kafka.producer.acks=0",
                    "spring.kafka.consumer.enable-auto-commit=true");

    @Test
    void saslAndTlsSettingsReachTheProducerTheConsumersAndTheAdminClient() {
        context.run(hub -> {
            KafkaSettings settings = hub.getBean(KafkaSettings.class);
            assertThat(settings.group()).isEqualTo("hub-p100");
            for (Map<String, Object> config : java.util.List.of(KafkaClients.producerConfig(settings, "millrace-hub"),
                    KafkaClients.consumerConfig(settings, "hub-p100-apply"), KafkaClients.adminConfig(settings))) {
                assertThat(config)
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", JAAS)
                        .containsEntry("ssl.truststore.password", "changeit")
                        .containsEntry("ssl.truststore.type", "PKCS12")
                        .containsEntry("bootstrap.servers", "kafka-1.plant.example:9093");
                assertThat(String.valueOf(config.get("ssl.truststore.location"))).endsWith("/etc/millrace/kafka-truststore.p12");
            }
        });
    }

    @Test
    void theHubsDeliveryGuaranteesCannotBeWeakenedBySpringKafkaSettings() {
        context.run(hub -> {
            KafkaSettings settings = hub.getBean(KafkaSettings.class);
            assertThat(KafkaClients.producerConfig(settings, "millrace-hub"))
                    .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
            assertThat(KafkaClients.consumerConfig(settings, "g"))
                    .containsEntry("enable.auto.commit", false).containsEntry("isolation.level", "read_committed");
        });
    }

    @Test
    void withoutSpringKafkaSettingsTheClientsConnectPlainly() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withUserConfiguration(KafkaSettingsConfiguration.class)
                .withPropertyValues("millrace.kafka.bootstrap=127.0.0.1:9092")
                .run(hub -> assertThat(KafkaClients.producerConfig(hub.getBean(KafkaSettings.class), "h"))
                        .doesNotContainKey("security.protocol").doesNotContainKey("sasl.mechanism"));
    }
}
