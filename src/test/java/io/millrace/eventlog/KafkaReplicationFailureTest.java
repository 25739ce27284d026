package io.millrace.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.eventlog.kafka.KafkaEventLog;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What happens to an append whose events the broker does not acknowledge. */
class KafkaReplicationFailureTest {

    private final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final AppendSignal signal = new AppendSignal();
    private final EventLog log = new KafkaEventLog(database.dataSource(),
            Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC), signal, producer,
            KafkaSettings.defaults("unused:9092"));

    @AfterEach
    void close() {
        database.close();
    }

    private static NewEvent event(String id) {
        String json = "{\"id\":\"" + id + "\",\"source\":\"urn:s:mes\",\"data\":{}}";
        return NewEvent.of("urn:s:mes", id, "mfg.production.order.released", "P100", "MO-1", "order:MO-1", null,
                Instant.parse("2026-11-26T08:00:00Z"), "k", json);
    }

    @Test
    void unacknowledgedBatchFailsAndLeavesNothingSoThatAResendIsAcceptedAfresh() {
        producer.sendException = new NotEnoughReplicasException("only 0 of 1 replicas in sync");

        assertThatThrownBy(() -> log.append(List.of(event("e-1"), event("e-2"))))
                .isInstanceOf(EventLogFailure.class)
                .hasMessageContaining("only 0 of 1 replicas in sync");
        assertThat(log.readAfter(0, 10)).isEmpty();
        assertThat(log.backlog()).isEqualTo(new Backlog(0, 0, 0, 0));
        assertThat(signal.count()).isZero();

        producer.sendException = null;
        List<Receipt> receipts = ((AppendResult.Appended) log.append(List.of(event("e-1"), event("e-2")))).receipts();

        assertThat(receipts).extracting(Receipt::status).containsOnly(Receipt.Status.ACCEPTED);
        assertThat(log.readAfter(0, 10)).extracting(LoggedEvent::position).containsExactly(1L, 2L);
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void duplicatesAreNotProducedAgain() {
        log.append(List.of(event("e-1")));
        List<Receipt> again = ((AppendResult.Appended) log.append(List.of(event("e-1")))).receipts();

        assertThat(again).extracting(Receipt::status).containsExactly(Receipt.Status.DUPLICATE);
        assertThat(producer.history()).hasSize(1);
    }
}
