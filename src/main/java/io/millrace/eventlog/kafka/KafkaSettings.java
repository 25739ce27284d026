package io.millrace.eventlog.kafka;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code millrace.kafka.*}: where the broker is and how the hub's topics are named and shaped.
 * Everything Kafka stays off unless {@code bootstrap} is set.
 *
 * @param bootstrap bootstrap servers ({@code --kafka-bootstrap})
 * @param topic the topic of accepted events, keyed by plant
 * @param partitions partitions of every topic the hub creates
 * @param replication replication factor of every topic the hub creates
 * @param inboundTopic where producers may publish CloudEvents (Kafka binding)
 * @param rejectedTopic where refused inbound events go, with the problem that refused them
 * @param outboundTopic where the outbox publishes the hub's own events
 * @param group the consumer group shared by all hub instances
 * @param sendTimeout how long an append waits for the broker's acknowledgement of its batch
 * @param relayPollInterval how often the outbound relay looks for new outbox messages when idle
 * @param producers producer identities of the inbound topic and what each may publish
 * @param client the connection settings of {@code spring.kafka.*} (security, SASL, SSL), not bound
 *               from {@code millrace.kafka}
 */
@ConfigurationProperties("millrace.kafka")
public record KafkaSettings(String bootstrap,
                            String topic,
                            int partitions,
                            short replication,
                            String inboundTopic,
                            String rejectedTopic,
                            String outboundTopic,
                            String group,
                            Duration sendTimeout,
                            Duration relayPollInterval,
                            List<Producer> producers,
                            KafkaClientProperties client) {

    /** The settings as bound from {@code millrace.kafka.*}, with plain client connections. */
    @ConstructorBinding
    public KafkaSettings(String bootstrap, @DefaultValue("millrace.events") String topic,
                         @DefaultValue("12") int partitions, @DefaultValue("1") short replication,
                         @DefaultValue("millrace.inbound") String inboundTopic,
                         @DefaultValue("millrace.rejected") String rejectedTopic,
                         @DefaultValue("millrace.outbound") String outboundTopic,
                         @DefaultValue("millrace-hub") String group, @DefaultValue("30s") Duration sendTimeout,
                         @DefaultValue("500ms") Duration relayPollInterval, List<Producer> producers) {
        this(bootstrap, topic, partitions, replication, inboundTopic, rejectedTopic, outboundTopic, group, sendTimeout,
                relayPollInterval, producers, KafkaClientProperties.none());
    }

    public KafkaSettings {
        producers = producers == null ? List.of() : List.copyOf(producers);
        client = client == null ? KafkaClientProperties.none() : client;
        if (partitions < 1) {
            throw new IllegalArgumentException("millrace.kafka.partitions must be at least 1, not " + partitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("millrace.kafka.replication must be at least 1, not " + replication);
        }
    }

    /** Settings with every default, for the given broker. */
    public static KafkaSettings defaults(String bootstrap) {
        return new KafkaSettings(bootstrap, "millrace.events", 12, (short) 1, "millrace.inbound", "millrace.rejected",
                "millrace.outbound", "millrace-hub", Duration.ofSeconds(30), Duration.ofMillis(500), List.of(),
                KafkaClientProperties.none());
    }

    public KafkaSettings withTopics(String prefix) {
        return new KafkaSettings(bootstrap, prefix + topic, partitions, replication, prefix + inboundTopic,
                prefix + rejectedTopic, prefix + outboundTopic, prefix + group, sendTimeout, relayPollInterval,
                producers, client);
    }

    public KafkaSettings withProducers(List<Producer> producers) {
        return new KafkaSettings(bootstrap, topic, partitions, replication, inboundTopic, rejectedTopic,
                outboundTopic, group, sendTimeout, relayPollInterval, producers, client);
    }

    /** The same settings connecting with {@code client}'s security, SASL and SSL settings. */
    public KafkaSettings withClient(KafkaClientProperties client) {
        return new KafkaSettings(bootstrap, topic, partitions, replication, inboundTopic, rejectedTopic,
                outboundTopic, group, sendTimeout, relayPollInterval, producers, client);
    }

    /**
     * One producer of the inbound topic, named by the record header {@code millrace-producer} (or
     * the record key's prefix before {@code ':'}), with what it may publish; {@code "*"} allows any.
     */
    public record Producer(String name, List<String> sources, List<String> plants, List<String> eventTypes) {
        public Producer {
            sources = sources == null ? List.of() : List.copyOf(sources);
            plants = plants == null ? List.of() : List.copyOf(plants);
            eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        }
    }
}
