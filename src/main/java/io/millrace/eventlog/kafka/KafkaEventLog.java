package io.millrace.eventlog.kafka;

import io.millrace.eventlog.AppendResult;
import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.EventState;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.StateChange;
import io.millrace.eventlog.jdbc.JdbcEventLog;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;

/**
 * The event log with Kafka as its backbone, for several hub instances on one shared database and
 * one broker (ADR 0005). An append runs in one database transaction that takes the log's head lock,
 * deduplicates on {@code (source, id)} against the shared idempotency index, writes the events and
 * their positions, then produces them to the partitioned events topic and waits for
 * {@code acks=all}; only then does it commit. A failed produce rolls everything back (the request
 * fails, a resend is accepted afresh); a commit that fails after the produce leaves records in the
 * topic whose tracking id the log does not know, which readers of the topic ignore.
 *
 * <p>Reading, state changes and the backlog are the shared database's, so every instance's
 * pipeline applies exactly the accepted events, each once, with its state recorded in the posting
 * transaction.
 */
public final class KafkaEventLog implements EventLog {

    private final JdbcEventLog database;

    public KafkaEventLog(DataSource dataSource, Clock clock, AppendSignal appended, Producer<String, byte[]> producer,
                         KafkaSettings settings) {
        this.database = new JdbcEventLog(dataSource, clock, appended, new KafkaReplication(producer, settings));
    }

    @Override
    public AppendResult append(List<NewEvent> batch) {
        return database.append(batch);
    }

    @Override
    public Optional<LoggedEvent> find(UUID trackingId) {
        return database.find(trackingId);
    }

    @Override
    public List<LoggedEvent> findAll(Collection<UUID> trackingIds) {
        return database.findAll(trackingIds);
    }

    @Override
    public Map<UUID, EventState> states(Collection<UUID> trackingIds) {
        return database.states(trackingIds);
    }

    @Override
    public List<LoggedEvent> readAfter(long afterPosition, int limit) {
        return database.readAfter(afterPosition, limit);
    }

    @Override
    public Backlog backlog() {
        return database.backlog();
    }

    @Override
    public void transition(List<StateChange> changes) {
        database.transition(changes);
    }
}
