package io.millrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.Invariants;
import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two hub instances applying micro-batches of different business keys to one PostgreSQL
 * database, touching the same PO lines and the same plant stock: nothing is lost or counted twice,
 * and every invariant holds. A batch that loses a race fails retryably and is run again.
 */
class ConcurrentUnitsIT {

    private static final int BATCHES = 15;
    private static final int EVENTS_PER_BATCH = 8;

    @Test
    void twoInstancesPostingToTheSameLinesAndStockLoseNothing() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRES)) {
            InMemoryMasterData master = RandomStream.masterData();
            AtomicInteger retries = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> instances = new ArrayList<>();
            for (String instance : List.of("A", "B")) {
                instances.add(pool.submit(() -> run(database, master, instance, retries)));
            }
            int posted = 0;
            for (Future<Integer> f : instances) {
                posted += f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            System.out.println("concurrent instances: " + retries.get() + " batches retried after a conflict");
            assertThat(posted).isEqualTo(2 * BATCHES * EVENTS_PER_BATCH);

            try (Connection connection = database.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                UnitOfWork books = UnitOfWork.begin(connection);
                BigDecimal received = BigDecimal.ZERO;
                for (int b = 0; b < BATCHES; b++) {
                    for (int e = 0; e < EVENTS_PER_BATCH; e++) {
                        received = received.add(quantity(b, e).multiply(BigDecimal.valueOf(4)));
                    }
                }
                assertThat(books.purchaseOrderLines().find("4500009", 10).orElseThrow().received())
                        .isEqualByComparingTo(received);
                assertThat(books.inventory().plantQuantity("P100", "RM-STEEL")).isEqualByComparingTo(received);
                assertThat(books.inventory().all().stream().map(s -> s.quantity())
                        .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(received);
                assertThat(new Invariants(master, AccountDetermination.defaults()).violations(books)).isEmpty();
                connection.rollback();
            }
        }
    }

    private static BigDecimal quantity(int batch, int event) {
        return BigDecimal.valueOf(1000 + batch * 37 + event * 11, 3);
    }

    /** One instance: receipts of its own lots on the shared PO line, each moved to the shared line location. */
    private static int run(TestDatabase database, InMemoryMasterData master, String instance, AtomicInteger retries)
            throws SQLException {
        int posted = 0;
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int b = 0; b < BATCHES; b++) {
                while (true) {
                    try {
                        posted += batch(connection, master, instance, b);
                        break;
                    } catch (BooksStorageException ex) {
                        connection.rollback();
                        if (!ex.retryable()) {
                            throw ex;
                        }
                        retries.incrementAndGet();
                    }
                }
            }
        }
        return posted;
    }

    private static int batch(Connection connection, InMemoryMasterData master, String instance, int b)
            throws SQLException {
        UnitOfWork unit = UnitOfWork.begin(connection);
        PostingEngine engine = new PostingEngine(master, unit, PostingSettings.defaults());
        int posted = 0;
        for (int e = 0; e < EVENTS_PER_BATCH; e++) {
            String lot = instance + "-" + b + "-" + e;
            List<ManufacturingEvent> events = List.of(
                    new GoodsReceived("GR-" + lot, "4500009", 10, "RM-STEEL", lot, quantity(b, e), "kg", "P100-RM"),
                    new GoodsReceived("GR2-" + lot, "4500009", 10, "RM-STEEL", lot, quantity(b, e), "kg", "P100-RM"),
                    new StockTransferred("TR-" + lot, "RM-STEEL", lot, quantity(b, e), "kg", "P100-RM", "P100-LINE",
                            null));
            for (int k = 0; k < events.size(); k++) {
                ManufacturingEvent event = events.get(k);
                EventContext base = WorkedExample.context("P100", event, 1, WorkedExample.START);
                EventContext context = new EventContext("T-" + lot + "-" + k, base.source(), base.eventId(),
                        base.type(), "P100", null, base.correlationId(), base.eventTime(), base.acceptedAt(),
                        "instance-" + instance);
                Outcome outcome = engine.apply(context, event);
                if (!(outcome instanceof Outcome.Posted)) {
                    throw new AssertionError(event + " did not post: " + outcome);
                }
            }
            posted++;
        }
        unit.flush();
        connection.commit();
        return posted;
    }
}
