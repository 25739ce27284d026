package io.millrace.edge;

import io.millrace.eventlog.AppendResult;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.jdbc.JdbcEventLog;
import io.millrace.testing.Events;
import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An edge agent's store (event log and forwarding state on a fresh embedded database) and a forwarder. */
final class EdgeRig implements AutoCloseable {

    static final String SOURCE = "urn:millrace:plant:P100:mes";

    final TestDatabase database = TestDatabase.createEmpty(TestDatabase.Kind.H2);
    final JdbcEventLog log;
    final ForwardingStore store;
    final HubContact contact = new HubContact(Clock.systemUTC());

    EdgeRig() {
        Flyway.configure().dataSource(database.dataSource())
                .locations("classpath:db/migration", "classpath:db/vendor/h2", "classpath:db/edge").load().migrate();
        log = new JdbcEventLog(database.dataSource(), Clock.systemUTC());
        store = new ForwardingStore(new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())), log,
                Clock.systemUTC());
    }

    /** A forwarder as a freshly started edge agent has it: nothing but the store survives a restart. */
    Forwarder forwarder(HubLink hub, int batchSize) {
        return new Forwarder(log, store, hub, contact, batchSize, 3_000_000);
    }

    /** Accepts events {@code from}..{@code to} (ids {@code e-<n>}) as the edge agent's intake would. */
    List<String> accept(int from, int to) {
        List<NewEvent> batch = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            String id = "e-" + n;
            batch.add(NewEvent.of(SOURCE, id, "mfg.production.order.completed", "P100", "MO-1", "order:MO-1", null,
                    Instant.parse("2026-11-26T08:15:00Z"), "edge", Events.completed(SOURCE, id, "P100", "1")));
            keys.add(SOURCE + " " + id);
        }
        if (!(log.append(batch) instanceof AppendResult.Appended)) {
            throw new AssertionError("the events were not appended");
        }
        return keys;
    }

    /** Runs the forwarder until it has nothing left to send or the hub is unavailable. */
    static Forwarder.Outcome drain(Forwarder forwarder) {
        Forwarder.Outcome total = Forwarder.Outcome.IDLE;
        for (int i = 0; i < 10_000; i++) {
            Forwarder.Outcome step = forwarder.forwardNext();
            total = total.then(step);
            if (step.idle() || step.hubUnavailable()) {
                return total;
            }
        }
        throw new AssertionError("the forwarder never ran out of work");
    }

    List<String> rejectedIds() {
        List<String> ids = new ArrayList<>();
        for (ForwardingStore.Rejected r : store.rejectedAfter(0, 1000)) {
            LoggedEvent e = log.find(r.trackingId()).orElseThrow();
            ids.add(e.source() + " " + e.id());
        }
        return ids;
    }

    @Override
    public void close() {
        database.close();
    }
}
