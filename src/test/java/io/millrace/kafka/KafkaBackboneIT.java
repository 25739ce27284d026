package io.millrace.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.millrace.MillraceHub;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.kafka.KafkaClients;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxMessage;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.Events;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A hub on H2 with Kafka as its backbone: CloudEvents published to the inbound topic are validated
 * and authorised like HTTP events (appended, or sent to the rejected topic with the problem), and
 * the outbox is relayed to the outbound topic.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.kafka.producers[0].name=mes-p100",
                "millrace.kafka.producers[0].sources=urn:millrace:plant:P100:mes",
                "millrace.kafka.producers[0].plants=P100",
                "millrace.kafka.producers[0].event-types=*"
        })
class KafkaBackboneIT {

    private static final String SOURCE = "urn:millrace:plant:P100:mes";
    private static final KafkaSettings SETTINGS = TestKafka.settings();
    private static final String DATABASE = EmbeddedDatabases.fresh("kafka-it");
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    EventLog log;

    @Autowired
    Outbox outbox;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("millrace.kafka.bootstrap", SETTINGS::bootstrap);
        registry.add("millrace.kafka.topic", SETTINGS::topic);
        registry.add("millrace.kafka.inbound-topic", SETTINGS::inboundTopic);
        registry.add("millrace.kafka.rejected-topic", SETTINGS::rejectedTopic);
        registry.add("millrace.kafka.outbound-topic", SETTINGS::outboundTopic);
        registry.add("millrace.kafka.group", SETTINGS::group);
        registry.add("millrace.kafka.partitions", () -> "3");
    }

    @BeforeAll
    static void openProducer() {
        producer = KafkaClients.producer(SETTINGS, "test-plant");
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static void publish(String key, byte[] value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(new ProducerRecord<>(SETTINGS.inboundTopic(), null, key, value, h)).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Optional<LoggedEvent> logged(String id) {
        return log.readAfter(0, 100_000).stream().filter(e -> e.id().equals(id)).findFirst();
    }

    private static JsonNode rejection(String id) {
        for (int attempt = 0; attempt < 60; attempt++) {
            for (ConsumerRecord<String, byte[]> r : TestKafka.read(SETTINGS.rejectedTopic(), Integer.MAX_VALUE,
                    Duration.ofSeconds(1))) {
                JsonNode problem = HubHttp.JSON.readTree(r.value());
                if (problem.path("event").asString("").contains(id)) {
                    return problem;
                }
            }
        }
        throw new AssertionError("no rejection of " + id);
    }

    @Test
    void validStructuredEventOfAConfiguredProducerIsAppended() {
        String id = "k-" + UUID.randomUUID();
        publish("MO-1", Events.completed(SOURCE, id, "P100", "5").getBytes(StandardCharsets.UTF_8),
                "content-type", "application/cloudevents+json", "millrace-producer", "mes-p100");

        await().atMost(Duration.ofSeconds(60)).until(() -> logged(id).isPresent());
        LoggedEvent event = logged(id).orElseThrow();
        assertThat(event.source()).isEqualTo(SOURCE);
        assertThat(event.producerKeyId()).isEqualTo("kafka:mes-p100");
    }

    @Test
    void validBinaryModeEventNamedByItsKeyPrefixIsAppended() {
        String id = "k-" + UUID.randomUUID();
        String data = "{\"orderId\":\"MO-7\",\"item\":\"FG-BRACKET\",\"quantity\":10,\"uom\":\"ea\"}";
        publish("mes-p100:MO-7", data.getBytes(StandardCharsets.UTF_8), "content-type", "application/json",
                "ce_specversion", "1.0", "ce_id", id, "ce_source", SOURCE, "ce_type", "mfg.production.order.released",
                "ce_time", "2026-11-26T08:00:00Z", "ce_subject", "MO-7", "ce_plant", "P100");

        await().atMost(Duration.ofSeconds(60)).until(() -> logged(id).isPresent());
        assertThat(logged(id).orElseThrow().type()).isEqualTo("mfg.production.order.released");
    }

    @Test
    void invalidEventGoesToTheRejectedTopicWithTheErrorsAndIsNotAppended() {
        String id = "k-" + UUID.randomUUID();
        publish("MO-1", Events.completed(SOURCE, id, "P100", "-5").getBytes(StandardCharsets.UTF_8),
                "content-type", "application/cloudevents+json", "millrace-producer", "mes-p100");

        JsonNode problem = rejection(id);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:millrace:problem:validation");
        assertThat(problem.path("errors").findValuesAsString("pointer")).contains("/data/quantity");
        assertThat(problem.path("inbound").path("topic").asString()).isEqualTo(SETTINGS.inboundTopic());
        assertThat(logged(id)).isEmpty();
    }

    @Test
    void eventOutsideTheProducersScopeIsRejectedAsForbidden() {
        String id = "k-" + UUID.randomUUID();
        publish("MO-1", Events.completed(SOURCE, id, "P200", "5").getBytes(StandardCharsets.UTF_8),
                "content-type", "application/cloudevents+json", "millrace-producer", "mes-p100");

        JsonNode problem = rejection(id);
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("errors").findValuesAsString("pointer")).containsExactly("/plant");
        assertThat(logged(id)).isEmpty();
    }

    @Test
    void eventOfAnUnknownProducerIsRejected() {
        String id = "k-" + UUID.randomUUID();
        publish("MO-1", Events.completed(SOURCE, id, "P100", "5").getBytes(StandardCharsets.UTF_8),
                "content-type", "application/cloudevents+json", "millrace-producer", "intruder");

        JsonNode problem = rejection(id);
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("detail").asString()).contains("intruder");
        assertThat(logged(id)).isEmpty();
    }

    @Test
    void outboxMessagesArePublishedAsStructuredCloudEventsKeyedBySubject() {
        String subject = "JE-" + UUID.randomUUID();
        outbox.enqueue(List.of(new OutboxMessage("mfg.finance.journal.posted", subject, "P100", "MO-1", null,
                HubHttp.JSON.readTree("{\"amount\":12.50}"))));

        ConsumerRecord<String, byte[]> record = null;
        for (int attempt = 0; attempt < 60 && record == null; attempt++) {
            record = TestKafka.read(SETTINGS.outboundTopic(), Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
                    .filter(r -> subject.equals(r.key())).findFirst().orElse(null);
        }
        assertThat(record).isNotNull();
        JsonNode event = HubHttp.JSON.readTree(record.value());
        assertThat(event.path("specversion").asString()).isEqualTo("1.0");
        assertThat(event.path("type").asString()).isEqualTo("mfg.finance.journal.posted");
        assertThat(event.path("subject").asString()).isEqualTo(subject);
        assertThat(event.path("data").path("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
    }
}
