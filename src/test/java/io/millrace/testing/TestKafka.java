package io.millrace.testing;

import io.millrace.eventlog.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One embedded KRaft broker per test JVM (started on first use, on ports of its own choosing) and
 * helpers to read topics. Tests isolate themselves with their own topic names ({@link #settings()}).
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrap() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            started.brokerProperty("auto.create.topics.enable", "false");
            started.brokerProperty("transaction.state.log.replication.factor", "1");
            started.brokerProperty("transaction.state.log.min.isr", "1");
            started.afterPropertiesSet();
            broker = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
        }
        return broker.getBrokersAsString();
    }

    /** Default settings on the embedded broker with topic and group names no other test uses. */
    public static KafkaSettings settings() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        return KafkaSettings.defaults(bootstrap()).withTopics(prefix);
    }

    /** Reads the topic from the beginning until {@code count} records arrived (or 60 s passed). */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, int count) {
        return read(topic, count, Duration.ofSeconds(60));
    }

    /** Reads the topic from the beginning until {@code count} records arrived or {@code wait} passed. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, int count, Duration wait) {
        Map<String, Object> config = io.millrace.eventlog.kafka.KafkaClients.consumerConfig(
                KafkaSettings.defaults(bootstrap()), "reader-" + UUID.randomUUID());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + wait.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
