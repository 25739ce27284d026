package io.millrace.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import io.millrace.eventlog.EventTracing;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxProperties;
import io.millrace.outbox.OutboxTesting;
import io.millrace.testing.RecordedSpans;
import io.millrace.testing.TestDatabase;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Delivering journal entries into the ERP continues the traces of the events they were posted for. */
class ErpDeliveryTraceTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 5);
    private static final String[] TRACES = {"4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c",
            "5b8aa5a2d2c872e8321cf37308d69df2"};
    private static final String APPLY_SPAN = "00f067aa0ba902b7";

    private final RecordedSpans spans = new RecordedSpans();
    private final EventTracing tracing = spans.tracing();
    /** The tracking id in the log context at each call that created moves in the ERP. */
    private final List<String> trackingIdsAtCreation = new CopyOnWriteArrayList<>();
    private TestDatabase db;
    private Outbox outbox;
    private ErpDeliveries deliveries;
    private InMemoryErp erp;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(TestDatabase.Kind.H2);
        outbox = new Outbox(db.dataSource(), Clock.systemUTC(), OutboxProperties.defaults(List.of()));
        deliveries = new ErpDeliveries(new JdbcTemplate(db.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())));
        erp = InMemoryErpContractTest.standardChart(new InMemoryErp("memory:test") {
            @Override
            public synchronized List<ErpMove> createAndPost(List<MoveRequest> requests) {
                trackingIdsAtCreation.add(String.valueOf(MDC.get(EventTracing.TRACKING_ID)));
                return super.createAndPost(requests);
            }
        });
    }

    @AfterEach
    void tearDown() {
        spans.close();
        db.close();
    }

    @Test
    void deliversAnEntryIntoTheErpInTheTraceItsEventArrivedIn() {
        JournalEntry entry = entry("1200", DAY);
        OutboxTesting.publish(outbox, List.of(entry), List.of(traceparent(0)));

        drain(worker(false, Clock.fixed(Instant.parse("2026-11-05T12:00:00Z"), ZoneOffset.UTC)));

        assertThat(erp.count(entry.entryId())).isEqualTo(1);
        SpanData delivery = onlySpan();
        assertThat(delivery.getName()).isEqualTo("deliver erp");
        assertThat(delivery.getTraceId()).isEqualTo(TRACES[0]);
        assertThat(delivery.getParentSpanId()).isEqualTo(APPLY_SPAN);
        assertThat(trackingIdsAtCreation).containsExactly(entry.source().trackingId());
        assertThat(MDC.get(EventTracing.TRACKING_ID)).as("cleared after delivering").isNull();
    }

    @Test
    void aSummarisedMoveLinksTheTraceOfEveryEntrysEvent() {
        List<JournalEntry> entries = List.of(entry("1200", DAY), entry("1200", DAY), entry("1200", DAY));
        OutboxTesting.publish(outbox, entries, List.of(traceparent(0), traceparent(1), traceparent(2)));

        drain(worker(true, Clock.fixed(Instant.parse("2026-11-06T01:30:00Z"), ZoneOffset.UTC)));

        assertThat(erp.moveCount()).isEqualTo(1);
        SpanData delivery = onlySpan();
        assertThat(delivery.getParentSpanContext().isValid()).as("a trace of its own").isFalse();
        assertThat(delivery.getLinks()).extracting(l -> l.getSpanContext().getTraceId())
                .containsExactlyInAnyOrder(TRACES);
        assertThat(delivery.getLinks()).allSatisfy(l -> assertThat(l.getSpanContext().getSpanId())
                .isEqualTo(APPLY_SPAN));
    }

    @Test
    void aMoveTheErpRefusesIsAnErrorOnItsEventsTrace() {
        JournalEntry refused = entry("9999", DAY);
        OutboxTesting.publish(outbox, List.of(refused), List.of(traceparent(1)));

        drain(worker(false, Clock.fixed(Instant.parse("2026-11-05T12:00:00Z"), ZoneOffset.UTC)));

        assertThat(deliveries.byEntry(refused.entryId()).orElseThrow().state())
                .isEqualTo(Delivery.DeliveryState.REFUSED);
        assertThat(spans.finished()).isNotEmpty().allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(TRACES[1]);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        });
    }

    private SpanData onlySpan() {
        assertThat(spans.finished()).hasSize(1);
        return spans.finished().get(0);
    }

    private static String traceparent(int trace) {
        return "00-" + TRACES[trace] + "-" + APPLY_SPAN + "-01";
    }

    private DeliveryWorker worker(boolean summarise, Clock clock) {
        return ErpTesting.worker(erp, outbox, deliveries, summarise, clock, tracing);
    }

    private static void drain(DeliveryWorker worker) {
        for (int rounds = 0; rounds < 100 && worker.round() != null; rounds++) {
            // until the worker waits for new work
        }
    }

    private static JournalEntry entry(String account, LocalDate date) {
        String id = "E-" + UUID.randomUUID();
        Dimensions dims = new Dimensions("P100", null, null, null, null, null, "C-BETA");
        BigDecimal value = new BigDecimal("12.50");
        return new JournalEntry(id, "P100", date, null, false,
                new SourceEvent(UUID.randomUUID().toString(), "urn:test", id, "test"), id, "tester", null,
                List.of(JournalLine.debit(account, value, dims), JournalLine.credit("4000", value, dims)), null);
    }
}
