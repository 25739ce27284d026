package io.millrace.accounting;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.ShipmentLine;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.TrialBalance;
import io.millrace.accounting.master.ExchangeRate;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.ValuationClass;
import io.millrace.accounting.posting.AccountingPeriodClose;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PeriodReadiness;
import io.millrace.accounting.posting.ReasonCode;
import io.millrace.accounting.posting.StandardCostChange;
import io.millrace.accounting.posting.StandardCostRevaluation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reversals, standard-cost revaluation, foreign-currency invoices and the period-close discipline. */
class CorrectionsTest {

    private static final Map<String, BigDecimal> EXAMPLE_TRIAL_BALANCE = new TreeMap<>(Map.ofEntries(
            Map.entry("1200", d("3750.00")), Map.entry("1400", d("1115.00")), Map.entry("1420", d("451.00")),
            Map.entry("1450", d("0.00")), Map.entry("2000", d("-2120.00")), Map.entry("2100", d("-480.00")),
            Map.entry("4000", d("-3750.00")), Map.entry("5000", d("1650.00")), Map.entry("5100", d("100.00")),
            Map.entry("5200", d("-5.00")), Map.entry("5300", d("99.00")), Map.entry("5500", d("-810.00"))));

    private final Harness harness = new Harness();

    @Test
    void reversedReceiptConsumptionCompletionAndShipmentLeaveTheFiguresOfTheWorkedExample() {
        List<ManufacturingEvent> example = WorkedExample.events();
        for (int i = 0; i < example.size(); i++) {
            ManufacturingEvent event = example.get(i);
            ManufacturingEvent wrong = wrongVersionOf(event);
            if (wrong != null) {
                String wrongId = harness.nextTrackingId();
                harness.post(wrong);
                assertThat(harness.invariants().violations(harness.books)).isEmpty();
                Outcome.Posted reversal = harness.post(new ReversalRequested(wrongId, "wrong quantity"));
                assertThat(reversal.entries()).allSatisfy(e -> assertThat(e.reversalOf()).startsWith(wrongId + "-"));
                assertThat(harness.invariants().violations(harness.books)).isEmpty();
            }
            harness.post(event);
            assertThat(harness.invariants().violations(harness.books)).as("after event %d", i + 1).isEmpty();
        }
        TrialBalance trialBalance = TrialBalance.of(harness.books.journal().all());
        assertThat(trialBalance.balances()).isEqualTo(EXAMPLE_TRIAL_BALANCE);
        assertThat(harness.books.orders().find("MO-1").orElseThrow().completedQuantity()).isEqualByComparingTo("195");
        assertThat(harness.books.salesOrderLines().find("7000001", 10).orElseThrow().shipped())
                .isEqualByComparingTo("150");
        assertThat(harness.books.purchaseOrderLines().find("4500001", 10).orElseThrow().received())
                .isEqualByComparingTo("1000");
    }

    /** A wrong first version of four of the example's events, booked and reversed before the right one. */
    private static ManufacturingEvent wrongVersionOf(ManufacturingEvent event) {
        if (event instanceof GoodsReceived r && r.receiptId().equals("GR-1")) {
            return new GoodsReceived("GR-0", "4500001", 10, "RM-STEEL", "L-ST-1", d("100"), "kg", "P100-RM");
        }
        if (event instanceof MaterialConsumed c && c.item().equals("RM-STEEL")) {
            return new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("95.5"), "kg", "P100-LINE");
        }
        if (event instanceof OrderCompleted c) {
            return new OrderCompleted("MO-1", "FG-BRACKET", "L-FG-0", d("19"), "ea", "P100-FG", false);
        }
        if (event instanceof ShipmentConfirmed) {
            return new ShipmentConfirmed("SH-0", "7000001", "C-BETA",
                    List.of(new ShipmentLine(10, "FG-BRACKET", "L-FG-1", "P100-FG", d("15"), "ea")));
        }
        return null;
    }

    @Test
    void aReversalMirrorsEveryLineAndReopensAClosedOrder() {
        List<ManufacturingEvent> example = WorkedExample.events();
        example.subList(0, 11).forEach(harness::post);
        BigDecimal varianceBefore = TrialBalance.of(harness.books.journal().all()).balances().get("5200");
        Outcome.Posted reversal = harness.post(new ReversalRequested("T-11", "closed too early"));
        assertThat(describe(reversal.entries().get(0))).containsExactlyInAnyOrder("Dr 5200 5.00", "Cr 1450 5.00");
        assertThat(reversal.entries().get(0).reversalOf()).isEqualTo("T-11-1");
        assertThat(reversal.entries().get(0).actor()).isEqualTo("producer-test");
        assertThat(reversal.entries().get(0).text()).contains("closed too early");
        assertThat(harness.books.orders().find("MO-1").orElseThrow().closed()).isFalse();
        assertThat(harness.books.orders().find("MO-1").orElseThrow().wipBalance()).isEqualByComparingTo("-5.00");
        assertThat(varianceBefore).isEqualByComparingTo("-5.00");
        assertThat(harness.invariants().violations(harness.books)).isEmpty();
        harness.post(new OrderClosed("MO-1"));
        assertThat(harness.invariants().violations(harness.books)).isEmpty();
    }

    @Test
    void aNewStandardCostRevaluesStockOnHandAndKeepsTheGlEqualToTheSubLedger() {
        WorkedExample.events().forEach(harness::post);
        Item steel = harness.master.item("RM-STEEL").orElseThrow();
        Item dearer = new Item("RM-STEEL", steel.description(), ValuationClass.RAW, "kg", d("2.25"));
        harness.master.put(dearer);
        assertThat(harness.invariants().violations(harness.books)).isNotEmpty();

        List<JournalEntry> entries = new StandardCostRevaluation(harness.books,
                io.millrace.accounting.posting.PostingSettings.defaults()).revalue(new StandardCostChange("MD-7",
                        dearer, d("2.00"), "key:admin-1", Instant.parse("2026-11-20T10:00:00Z")),
                StandardCostRevaluation.plantsHolding(harness.books, "RM-STEEL"));

        assertThat(entries).hasSize(1);
        assertThat(describe(entries.get(0))).containsExactlyInAnyOrder("Dr 1400 102.50", "Cr 5410 102.50");
        assertThat(entries.get(0).actor()).isEqualTo("key:admin-1");
        assertThat(entries.get(0).text()).contains("MD-7", "2.00", "2.25", "410");
        assertThat(harness.invariants().violations(harness.books)).isEmpty();
    }

    @Test
    void aReceiptReversedAfterARevaluationTakesTheDifferenceToTheRevaluationAccount() {
        String receipt = harness.nextTrackingId();
        harness.post(new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("100"), "kg", "P100-RM"));
        Item cheaper = new Item("RM-STEEL", "Steel sheet", ValuationClass.RAW, "kg", d("1.80"));
        harness.master.put(cheaper);
        new StandardCostRevaluation(harness.books, io.millrace.accounting.posting.PostingSettings.defaults())
                .revalue(new StandardCostChange("MD-8", cheaper, d("2.00"), "key:admin-1", WorkedExample.START),
                        List.of("P100"));

        Outcome.Posted reversal = harness.post(new ReversalRequested(receipt, "wrong supplier"));

        assertThat(reversal.entries()).hasSize(2);
        assertThat(describe(reversal.entries().get(1))).containsExactlyInAnyOrder("Dr 1400 20.00", "Cr 5410 20.00");
        assertThat(harness.invariants().violations(harness.books)).isEmpty();
        assertThat(harness.books.inventory().all()).isEmpty();
    }

    @Test
    void aForeignCurrencyInvoicePostsAtTheRateOfItsDateAndKeepsTheDocumentAmount() {
        harness.master.put(new ExchangeRate("USD", LocalDate.parse("2026-10-01"), d("0.90")))
                .put(new ExchangeRate("USD", LocalDate.parse("2026-11-01"), d("0.92")))
                .put(new ExchangeRate("USD", LocalDate.parse("2026-12-01"), d("0.95")));
        harness.post(new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1000"), "kg", "P100-RM"));

        Outcome.Posted invoice = harness.post(new InvoiceReceived("INV-US-1", "S-ACME", "USD",
                List.of(new InvoiceLine("4500001", 10, d("1000"), d("2.30")))));

        JournalEntry entry = invoice.entries().get(0);
        assertThat(describe(entry)).containsExactlyInAnyOrder("Dr 2100 2100.00", "Dr 5100 16.00", "Cr 2000 2116.00");
        assertThat(entry.document().currency()).isEqualTo("USD");
        assertThat(entry.document().amount()).isEqualByComparingTo("2300.00");
        assertThat(entry.document().exchangeRate()).isEqualByComparingTo("0.92");
        assertThat(harness.invariants().violations(harness.books)).isEmpty();
    }

    @Test
    void anInvoiceInTheCompanyCurrencyNeedsNoRate() {
        harness.post(new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("10"), "kg", "P100-RM"));
        Outcome.Posted invoice = harness.post(new InvoiceReceived("INV-1", "S-ACME", "EUR",
                List.of(new InvoiceLine("4500001", 10, d("10"), d("2.10")))));
        assertThat(invoice.entries().get(0).document()).isNull();
        Outcome refused = harness.apply(new InvoiceReceived("INV-2", "S-ACME", "GBP",
                List.of(new InvoiceLine("4500001", 10, d("1"), d("2.10")))));
        assertThat(((Outcome.Rejected) refused).reason()).isEqualTo(ReasonCode.EXCHANGE_RATE_MISSING);
    }

    @Test
    void anUnreadyPeriodClosesOnlyWithAnOverrideReasonAndReopens() {
        AccountingPeriodClose close = new AccountingPeriodClose(harness.books);
        YearMonth november = YearMonth.of(2026, 11);
        PeriodReadiness unready = new PeriodReadiness(november, 1, 2, 1, List.of("MO-1"));
        assertThat(unready.blockers()).containsExactly("1 event(s) dated in 2026-11 are still pending",
                "2 event(s) dated in 2026-11 are parked", "1 event(s) dated in 2026-11 are open exceptions");

        assertThatThrownBy(() -> close.close(unready, "key:op", Instant.now(), null))
                .isInstanceOf(AccountingPeriodClose.PeriodNotReady.class).hasMessageContaining("parked");
        assertThat(harness.books.periods().isClosed(november)).isFalse();

        close.close(unready, "key:op", Instant.now(), "auditor agreed, MO-1 settles in December");
        assertThat(harness.books.periods().closed().get(0).overrideReason()).contains("auditor agreed");
        String late = harness.nextTrackingId();
        Outcome.Posted posted = harness.post(new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1"),
                "kg", "P100-RM"));
        assertThat(posted.entries().get(0).late()).isTrue();

        close.reopen(november);
        assertThat(harness.books.periods().isClosed(november)).isFalse();
        Outcome.Posted reversal = harness.post(new ReversalRequested(late, "dated wrongly"));
        assertThat(reversal.entries().get(0).period()).isEqualTo(november);
        assertThat(new PeriodReadiness(november, 0, 0, 0, List.of()).ready()).isTrue();
    }

    static List<String> describe(JournalEntry entry) {
        List<String> lines = new ArrayList<>();
        for (JournalLine l : entry.lines()) {
            lines.add(l.debit().signum() > 0 ? "Dr " + l.account() + " " + l.debit()
                    : "Cr " + l.account() + " " + l.credit());
        }
        return lines;
    }
}
