package io.millrace.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.eventlog.kafka.KafkaClients;
import io.millrace.eventlog.kafka.KafkaEventLog;
import io.millrace.eventlog.kafka.KafkaReplication;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.testing.TestDatabase;
import io.millrace.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event log contract on the Kafka adapter: an embedded KRaft broker and H2 for the shared index. */
class KafkaEventLogIT extends EventLogContract {

    private final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private KafkaSettings settings;

    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Kind.H2);
    }

    @Override
    protected EventLog newLog(TestDatabase database, Clock clock) {
        settings = TestKafka.settings();
        KafkaClients.createTopics(settings);
        KafkaProducer<String, byte[]> producer = KafkaClients.producer(settings, "contract");
        producers.add(producer);
        return new KafkaEventLog(database.dataSource(), clock, new AppendSignal(), producer, settings);
    }

    @AfterEach
    void closeProducers() {
        producers.forEach(KafkaProducer::close);
    }

    @Test
    void everyAcceptedEventIsOnTheTopicOnceKeyedByPlantWithItsTrackingId() {
        List<NewEvent> batch = List.of(event("urn:s:mes", "a", "1"), event("urn:s:mes", "b", "2"),
                event("urn:s:mes", "a", "1"));
        List<Receipt> receipts = ((AppendResult.Appended) log.append(batch)).receipts();
        log.append(List.of(event("urn:s:mes", "b", "2"), event("urn:s:mes", "c", "3")));

        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(settings.topic(), 3);

        assertThat(records).hasSize(3);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("P100"));
        assertThat(records.stream().map(r -> r.partition()).distinct()).hasSize(1);
        assertThat(records.get(0).partition()).as("where partitioned applying looks for the plant's events")
                .isEqualTo(KafkaReplication.partition("P100", settings.partitions()));
        Map<String, String> trackingByPosition = records.stream().collect(Collectors.toMap(
                r -> header(r, KafkaReplication.POSITION), r -> header(r, KafkaReplication.TRACKING_ID)));
        assertThat(trackingByPosition).containsEntry("1", receipts.get(0).trackingId().toString())
                .containsEntry("2", receipts.get(1).trackingId().toString()).containsKey("3");
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(batch.get(0).json());
        assertThat(header(records.get(0), KafkaReplication.CONTENT_TYPE)).startsWith("application/cloudevents+json");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
