package io.millrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.Invariants;
import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.books.InMemoryBooks;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.TrialBalance;
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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random streams applied in micro-batches of random size to persisted books end exactly as
 * they end on in-memory books, and every invariant holds over what was persisted.
 */
abstract class PersistedRunContract {

    private static TestDatabase database;

    protected abstract TestDatabase.Kind kind();

    @BeforeAll
    static void noDatabaseYet() {
        database = null;
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private static String outcome(Outcome outcome) {
        if (outcome instanceof Outcome.Posted posted) {
            return "posted " + posted.entries().size();
        }
        if (outcome instanceof Outcome.Parked parked) {
            return "parked " + parked.reason();
        }
        return "rejected " + ((Outcome.Rejected) outcome).reason();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 42, 2026})
    void aRandomStreamInMicroBatchesEndsAsInMemoryAndKeepsEveryInvariant(long seed) throws SQLException {
        if (database == null) {
            database = TestDatabase.create(kind());
        }
        InMemoryMasterData master = RandomStream.masterData();
        List<ManufacturingEvent> events = new RandomStream(seed).events(400);
        InMemoryBooks memory = new InMemoryBooks();
        PostingEngine inMemory = new PostingEngine(master, memory, PostingSettings.defaults());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            expected.add(outcome(inMemory.apply(context(seed, events.get(i), i), events.get(i))));
        }

        List<String> actual = new ArrayList<>();
        Random batches = new Random(seed);
        try (Connection connection = database.dataSource().getConnection()) {
            try (java.sql.Statement s = connection.createStatement()) {
                for (String table : JdbcBooksContract.TABLES) {
                    s.execute("DELETE FROM " + table);
                }
            }
            connection.setAutoCommit(false);
            int i = 0;
            while (i < events.size()) {
                UnitOfWork unit = UnitOfWork.begin(connection);
                PostingEngine engine = new PostingEngine(master, unit, PostingSettings.defaults());
                int end = Math.min(events.size(), i + 1 + batches.nextInt(60));
                for (; i < end; i++) {
                    actual.add(outcome(engine.apply(context(seed, events.get(i), i), events.get(i))));
                }
                unit.flush();
                connection.commit();
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expected).filteredOn(o -> o.startsWith("posted")).hasSizeGreaterThan(100);

            UnitOfWork persisted = UnitOfWork.begin(connection);
            assertThat(TrialBalance.of(persisted.journal().all()).balances())
                    .isEqualTo(TrialBalance.of(memory.journal().all()).balances());
            assertThat(persisted.journal().all()).hasSameSizeAs(memory.journal().all());
            assertThat(stock(persisted.inventory().all())).isEqualTo(stock(memory.inventory().all()));
            assertThat(new Invariants(master, AccountDetermination.defaults()).violations(persisted)).isEmpty();
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static Map<String, BigDecimal> stock(List<StockBalance> balances) {
        return balances.stream().filter(b -> b.quantity().signum() != 0).collect(Collectors.toMap(
                b -> b.key().toString(), b -> Columns.plain(b.quantity()), BigDecimal::add, TreeMap::new));
    }

    private static io.millrace.accounting.event.EventContext context(long seed, ManufacturingEvent event, int n) {
        io.millrace.accounting.event.EventContext base = WorkedExample.context("P100", event, n + 1,
                WorkedExample.START);
        return new io.millrace.accounting.event.EventContext("T" + seed + "-" + n, base.source(), base.eventId(),
                base.type(), base.plant(), base.subject(), base.correlationId(), base.eventTime(), base.acceptedAt(),
                base.actor());
    }
}
