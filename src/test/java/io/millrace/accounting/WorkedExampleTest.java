package io.millrace.accounting;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.books.InMemoryBooks;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.TrialBalance;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.OutboundMessage;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkedExampleTest {

    private final InMemoryMasterData master = WorkedExample.masterData();
    private final InMemoryBooks books = new InMemoryBooks();
    private final PostingEngine engine = new PostingEngine(master, books, PostingSettings.defaults());
    private final List<Outcome.Posted> outcomes = new ArrayList<>();

    @BeforeEach
    void postTheSixteenEvents() {
        List<ManufacturingEvent> events = WorkedExample.events();
        for (int i = 0; i < events.size(); i++) {
            Outcome outcome = engine.apply(WorkedExample.context("P100", events.get(i), i + 1, WorkedExample.START),
                    events.get(i));
            assertThat(outcome).as("event %d", i + 1).isInstanceOf(Outcome.Posted.class);
            outcomes.add((Outcome.Posted) outcome);
        }
    }

    @Test
    void postsEveryJournalEntryOfTheExample() {
        assertEntries(1, "Dr 1400 2000.00", "Dr 5100 100.00", "Cr 2100 2100.00");
        assertEntries(2, "Dr 1400 500.00", "Cr 2100 480.00", "Cr 5100 20.00");
        assertEntries(3);
        assertEntries(4);
        assertEntries(5);
        assertEntries(6, "Dr 1450 1180.00", "Cr 1400 1180.00");
        assertEntries(7, "Dr 1450 205.00", "Cr 1400 205.00");
        assertEntries(8, "Dr 1450 810.00", "Cr 5500 810.00");
        assertEntries(9, "Dr 5300 55.00", "Cr 1450 55.00");
        assertEntries(10, "Dr 1420 2145.00", "Cr 1450 2145.00");
        assertEntries(11, "Dr 1450 5.00", "Cr 5200 5.00");
        assertEntries(12);
        assertEntries(13, "Dr 5300 44.00", "Cr 1420 44.00");
        assertEntries(14);
        assertEntries(16, "Dr 2100 2100.00", "Dr 5100 20.00", "Cr 2000 2120.00");
        List<JournalEntry> shipment = outcomes.get(14).entries();
        assertThat(shipment).hasSize(2);
        assertThat(describe(shipment.get(0))).containsExactlyInAnyOrder("Dr 5000 1650.00", "Cr 1420 1650.00");
        assertThat(describe(shipment.get(1))).containsExactlyInAnyOrder("Dr 1200 3750.00", "Cr 4000 3750.00");
    }

    @Test
    void endsWithTheTrialBalanceOfTheExample() {
        TrialBalance trialBalance = TrialBalance.of(books.journal().all());
        Map<String, BigDecimal> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("1200", d("3750.00")), Map.entry("1400", d("1115.00")), Map.entry("1420", d("451.00")),
                Map.entry("1450", d("0.00")), Map.entry("2000", d("-2120.00")), Map.entry("2100", d("-480.00")),
                Map.entry("4000", d("-3750.00")), Map.entry("5000", d("1650.00")), Map.entry("5100", d("100.00")),
                Map.entry("5200", d("-5.00")), Map.entry("5300", d("99.00")), Map.entry("5500", d("-810.00"))));
        assertThat(trialBalance.balances()).isEqualTo(expected);
        assertThat(trialBalance.total()).isEqualByComparingTo("0.00");
    }

    @Test
    void endsWithTheSubLedgerOfTheExampleAndEveryInvariantHolding() {
        Map<String, BigDecimal> stock = books.inventory().all().stream().collect(Collectors.toMap(
                b -> b.key().item() + "@" + b.key().location() + "/" + b.key().lot() + "/" + b.key().status(),
                StockBalance::quantity, BigDecimal::add, TreeMap::new));
        assertThat(stock).containsOnly(
                Map.entry("RM-STEEL@P100-RM/L-ST-1/UNRESTRICTED", d("400")),
                Map.entry("RM-STEEL@P100-LINE/L-ST-1/UNRESTRICTED", d("10")),
                Map.entry("RM-PAINT@P100-RM/L-PT-1/UNRESTRICTED", d("50")),
                Map.entry("RM-PAINT@P100-LINE/L-PT-1/UNRESTRICTED", d("9")),
                Map.entry("FG-BRACKET@P100-FG/L-FG-1/UNRESTRICTED", d("41")));
        assertThat(books.inventory().all()).allMatch(b -> b.key().status() == StockStatus.UNRESTRICTED);
        assertThat(books.orders().find("MO-1").orElseThrow().closed()).isTrue();
        assertThat(books.orders().find("MO-1").orElseThrow().wipBalance()).isEqualByComparingTo("0");
        assertThat(new Invariants(master, AccountDetermination.defaults()).violations(books)).isEmpty();
    }

    @Test
    void publishesJournalPostedPerEntryInvoiceIssuedOnShipmentAndVarianceSettledOnClose() {
        assertThat(outcomes.get(14).messages()).extracting(OutboundMessage::type).containsExactly(
                OutboundMessage.JOURNAL_POSTED, OutboundMessage.JOURNAL_POSTED, OutboundMessage.INVOICE_ISSUED);
        OutboundMessage.InvoiceIssued invoice = (OutboundMessage.InvoiceIssued) outcomes.get(14).messages().get(2)
                .payload();
        assertThat(invoice.totalAmount()).isEqualByComparingTo("3750.00");
        OutboundMessage settled = outcomes.get(10).messages().get(1);
        assertThat(settled.type()).isEqualTo(OutboundMessage.VARIANCE_SETTLED);
        assertThat(((OutboundMessage.VarianceSettled) settled.payload()).variance()).isEqualByComparingTo("-5.00");
    }

    @Test
    void everyEntryCarriesItsSourceEventAndDimensions() {
        JournalEntry consumption = outcomes.get(5).entries().get(0);
        assertThat(consumption.source().trackingId()).isEqualTo("T-6");
        assertThat(consumption.correlationId()).isEqualTo("order:MO-1");
        assertThat(consumption.actor()).isEqualTo("producer-test");
        assertThat(consumption.late()).isFalse();
        JournalLine wip = consumption.lines().get(0);
        assertThat(wip.dimensions().order()).isEqualTo("MO-1");
        assertThat(wip.dimensions().lot()).isEqualTo("L-ST-1");
        assertThat(wip.dimensions().plant()).isEqualTo("P100");
    }

    private void assertEntries(int event, String... lines) {
        List<String> actual = outcomes.get(event - 1).entries().stream().flatMap(e -> describe(e).stream()).toList();
        assertThat(actual).as("event %d", event).containsExactlyInAnyOrder(lines);
    }

    private static List<String> describe(JournalEntry entry) {
        return entry.lines().stream().map(l -> l.debit().signum() > 0 ? "Dr " + l.account() + " " + l.debit()
                : "Cr " + l.account() + " " + l.credit()).toList();
    }
}
