package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.testing.RecordedSpans;
import io.millrace.testing.TestDatabase;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.node.JsonNodeFactory;

/** Webhook deliveries and the Kafka relay continue the trace of the event a message comes from. */
class DeliveryTraceTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String APPLY_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE + "-" + APPLY_SPAN + "-01";

    private final RecordedSpans spans = new RecordedSpans();
    private final EventTracing tracing = spans.tracing();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger workerLog = (Logger) LoggerFactory.getLogger(SubscriberWorker.class);
    private Level previousLevel;
    private TestDatabase db;
    private Outbox outbox;
    private Receiver receiver;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(TestDatabase.Kind.H2);
        outbox = new Outbox(db.dataSource(), Clock.systemUTC(), OutboxProperties.defaults(List.of()));
        receiver = new Receiver();
        previousLevel = workerLog.getLevel();
        workerLog.setLevel(Level.DEBUG);
        lines.start();
        workerLog.addAppender(lines);
    }

    @AfterEach
    void tearDown() {
        workerLog.detachAppender(lines);
        workerLog.setLevel(previousLevel);
        receiver.close();
        spans.close();
        db.close();
    }

    @Test
    void deliversAWebhookInTheTraceTheEventArrivedIn() {
        UUID tracking = UUID.randomUUID();
        outbox.enqueue(List.of(message("E-1", tracking, TRACEPARENT)));

        OutboxTesting.deliver(outbox, webhook(1), tracing);

        SpanData delivery = onlySpan();
        assertThat(delivery.getName()).isEqualTo("deliver webhook");
        assertThat(delivery.getTraceId()).isEqualTo(TRACE);
        assertThat(delivery.getParentSpanId()).as("a child of applying the event").isEqualTo(APPLY_SPAN);
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().get(0).headers())
                .containsEntry("traceparent", "00-" + TRACE + "-" + delivery.getSpanId() + "-01");
    }

    @Test
    void theLogContextHoldsTheEventsIdsWhileItsMessageIsDelivered() {
        UUID tracking = UUID.randomUUID();
        outbox.enqueue(List.of(message("E-1", tracking, TRACEPARENT)));

        OutboxTesting.deliver(outbox, webhook(1), tracing);

        assertThat(lines.list).isNotEmpty();
        assertThat(lines.list.get(0).getMDCPropertyMap())
                .containsEntry(EventTracing.TRACKING_ID, tracking.toString())
                .containsEntry(EventTracing.CORRELATION_ID, "MO-1");
        assertThat(MDC.get(EventTracing.TRACKING_ID)).as("cleared after delivering").isNull();
    }

    @Test
    void aRefusedWebhookIsAnErrorOnTheDeliverySpan() {
        receiver.answerWith(400);
        outbox.enqueue(List.of(message("E-1", UUID.randomUUID(), TRACEPARENT)));

        OutboxTesting.deliver(outbox, webhook(1), tracing);

        SpanData delivery = onlySpan();
        assertThat(delivery.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(delivery.getStatus().getDescription()).contains("HTTP 400");
        assertThat(delivery.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    }

    @Test
    void aBatchIsDeliveredInOneSpanLinkedToTheTraceOfEveryEvent() {
        String other = "0af7651916cd43dd8448eb211c80319c";
        outbox.enqueue(List.of(message("E-1", UUID.randomUUID(), TRACEPARENT),
                message("E-2", UUID.randomUUID(), "00-" + other + "-b7ad6b7169203331-01")));

        OutboxTesting.deliver(outbox, webhook(10), tracing);

        SpanData delivery = onlySpan();
        assertThat(delivery.getParentSpanContext().isValid()).isFalse();
        assertThat(delivery.getLinks()).extracting(l -> l.getSpanContext().getTraceId())
                .containsExactly(TRACE, other);
        assertThat(receiver.requests().get(0).headers().get("traceparent")).contains(delivery.getTraceId());
    }

    @Test
    void aMessageOutsideAnyTraceIsDeliveredWithoutOneWhenTracingIsOff() {
        outbox.enqueue(List.of(message("E-1", UUID.randomUUID(), null)));

        OutboxTesting.deliver(outbox, webhook(1), EventTracing.NONE);

        assertThat(receiver.requests().get(0).headers()).doesNotContainKey("traceparent");
    }

    @Test
    void publishesToKafkaWithTheTraceparentOfTheEventsTrace() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaOutboundRelay relay = new KafkaOutboundRelay(outbox, producer, KafkaSettings.defaults("unused:9092"),
                Clock.systemUTC(), OutboxProperties.defaults(List.of()), tracing);
        outbox.store().register("kafka:millrace.outbound");
        outbox.enqueue(List.of(message("E-1", UUID.randomUUID(), TRACEPARENT)));

        assertThat(relay.round()).isEqualTo(1);

        SpanData publish = onlySpan();
        assertThat(publish.getName()).isEqualTo("publish kafka");
        assertThat(publish.getTraceId()).isEqualTo(TRACE);
        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo("00-" + TRACE + "-" + publish.getSpanId() + "-01");
    }

    private SpanData onlySpan() {
        assertThat(spans.finished()).hasSize(1);
        return spans.finished().get(0);
    }

    private OutboxProperties.Webhook webhook(int batchSize) {
        return new OutboxProperties.Webhook("traced", receiver.url(), List.of(), null, batchSize);
    }

    private static OutboxMessage message(String subject, UUID tracking, String traceparent) {
        return new OutboxMessage("mfg.finance.journal.posted", subject, "P100", "MO-1", tracking,
                JsonNodeFactory.instance.objectNode().put("entryId", subject)).inTrace(traceparent);
    }
}
