package io.millrace.eventlog.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client configurations the hub uses everywhere: durable producers, manually committed consumers.
 * Each starts from the {@code spring.kafka.*} client settings of {@link KafkaSettings#client()}
 * (security, SASL, SSL) and then sets what the hub's guarantees need.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** acks=all and idempotence: an acknowledged record is on every in-sync replica, once, in order. */
    public static Map<String, Object> producerConfig(KafkaSettings settings, String clientId) {
        Map<String, Object> config = new HashMap<>(settings.client().producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.sendTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 15_000));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) Math.min(timeout, 10_000));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    public static KafkaProducer<String, byte[]> producer(KafkaSettings settings, String clientId) {
        return new KafkaProducer<>(producerConfig(settings, clientId));
    }

    /** No auto-commit: offsets are committed by the hub after what it did with the records is durable. */
    public static Map<String, Object> consumerConfig(KafkaSettings settings, String group) {
        Map<String, Object> config = new HashMap<>(settings.client().consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** The admin client that creates the hub's topics: bounded waits, so an unreachable broker fails the start. */
    public static Map<String, Object> adminConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.client().admin());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    /** The hub's topics with the configured partitions and replication. */
    public static List<NewTopic> topics(KafkaSettings settings) {
        return List.of(settings.topic(), settings.inboundTopic(), settings.rejectedTopic(), settings.outboundTopic())
                .stream().distinct()
                .map(name -> new NewTopic(name, settings.partitions(), settings.replication()))
                .toList();
    }

    /**
     * Creates the hub's topics that are missing; fails with a one-line reason when the broker
     * cannot be reached in time (so that {@code serve} can say so and exit).
     */
    public static void createTopics(KafkaSettings settings) {
        try (Admin admin = Admin.create(adminConfig(settings))) {
            var existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = topics(settings).stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw ex; // another instance creating them at the same time is fine
                }
            }
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Kafka broker at " + settings.bootstrap() + " is not reachable: "
                    + (ex.getCause() == null ? ex : ex.getCause()).getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", ex);
        }
    }
}
