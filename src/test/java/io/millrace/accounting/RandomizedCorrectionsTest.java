package io.millrace.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.books.InMemoryBooks;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.posting.AccountingPeriodClose;
import io.millrace.accounting.posting.EventHistory;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.accounting.posting.StandardCostChange;
import io.millrace.accounting.posting.StandardCostRevaluation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated streams over three plants with reversals of random earlier events (possible or not),
 * standard-cost revaluations and month-end closes mixed in: the invariants of postings.md hold
 * after every step, and a refused reversal changes nothing.
 */
class RandomizedCorrectionsTest {

    private static final int EVENTS = 400;
    private static final Instant START = Instant.parse("2026-11-01T06:00:00Z");
    private static final List<String> ITEMS = List.of("RM-A", "RM-B", "SE-X", "FG-Y", "FG-Z");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2026, 90210})
    void invariantsHoldAfterAnyMixOfPostingsReversalsAndRevaluations(long seed) {
        List<StreamGenerator.Generated> stream = new StreamGenerator(seed).generate(EVENTS);
        InMemoryMasterData master = StreamGenerator.masterData();
        InMemoryBooks books = new InMemoryBooks();
        EventHistory history = new EventHistory();
        PostingSettings settings = PostingSettings.defaults();
        PostingEngine engine = new PostingEngine(master, books, settings, history);
        Invariants invariants = new Invariants(master, AccountDetermination.defaults());
        AccountingPeriodClose periods = new AccountingPeriodClose(books);
        Random random = new Random(seed);
        List<EventContext> applied = new ArrayList<>();
        int reversed = 0;
        int refusedReversals = 0;
        int revaluations = 0;
        int n = 0;
        for (int i = 0; i < stream.size(); i++) {
            Instant now = START.plus(Duration.ofMinutes(i * 270L));
            closeMonthsBehind(periods, now);
            StreamGenerator.Generated generated = stream.get(i);
            apply(engine, history, books, invariants, context(n++, generated.plant(), generated.event(), now),
                    generated.event(), applied);
            if (!applied.isEmpty() && random.nextInt(4) == 0) {
                EventContext target = applied.get(random.nextInt(applied.size()));
                ReversalRequested reversal = new ReversalRequested(target.trackingId(), "correction " + i);
                Outcome outcome = apply(engine, history, books, invariants,
                        reversalContext(n++, target, now), reversal, applied);
                if (outcome instanceof Outcome.Posted) {
                    reversed++;
                } else {
                    refusedReversals++;
                }
            }
            if (random.nextInt(40) == 0) {
                Item item = master.item(ITEMS.get(random.nextInt(ITEMS.size()))).orElseThrow();
                BigDecimal factor = BigDecimal.valueOf(80 + random.nextInt(41), 2);
                Item changed = new Item(item.code(), item.description(), item.valuationClass(), item.baseUom(),
                        item.standardCost().multiply(factor).setScale(4, RoundingMode.HALF_UP));
                master.put(changed);
                new StandardCostRevaluation(books, settings).revalue(new StandardCostChange("MD-" + i, changed,
                        item.standardCost(), "key:admin", now), StandardCostRevaluation.plantsHolding(books,
                        item.code()));
                revaluations++;
                assertThat(invariants.violations(books)).as("after revaluing %s", item.code()).isEmpty();
            }
        }
        assertThat(reversed).isGreaterThan(10);
        assertThat(refusedReversals).isGreaterThan(10);
        assertThat(revaluations).isPositive();
    }

    private static Outcome apply(PostingEngine engine, EventHistory history, InMemoryBooks books,
                                 Invariants invariants, EventContext context, ManufacturingEvent event,
                                 List<EventContext> applied) {
        BooksSnapshot before = BooksSnapshot.of(books);
        Outcome outcome = engine.apply(context, event);
        history.record(context, event, outcome);
        applied.add(context);
        if (!(outcome instanceof Outcome.Posted)) {
            assertThat(BooksSnapshot.of(books)).as("refused %s", event).isEqualTo(before);
        }
        assertThat(invariants.violations(books)).as("after %s: %s", event, outcome).isEmpty();
        return outcome;
    }

    private static EventContext context(int n, String plant, ManufacturingEvent event, Instant time) {
        return new EventContext("T-" + n, "urn:millrace:test:" + plant, "E-" + n, event.type(), plant, null,
                event.businessKey(), time, time, "producer-" + plant);
    }

    /** Alternately an operator's reversal through the hub and the producer's own. */
    private static EventContext reversalContext(int n, EventContext target, Instant time) {
        String source = n % 2 == 0 ? ReversalRequested.HUB_SOURCE : target.source();
        return new EventContext("T-" + n, source, "E-" + n, ReversalRequested.TYPE, target.plant(), null,
                "reversal:" + target.trackingId(), time, time, "controller");
    }

    private static void closeMonthsBehind(AccountingPeriodClose periods, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        if (now.atZone(ZoneOffset.UTC).getDayOfMonth() >= 4) {
            for (YearMonth month = YearMonth.of(2026, 11); month.isBefore(current); month = month.plusMonths(1)) {
                periods.close(month, "controller", now);
            }
        }
    }
}
