package io.millrace.ledger;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.accounting.Invariants;
import io.millrace.accounting.WorkedExample;
import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.ClosedPeriod;
import io.millrace.accounting.books.OrderStatus;
import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.PurchaseOrderLineProgress;
import io.millrace.accounting.books.ReceiptLot;
import io.millrace.accounting.books.SalesOrderLineProgress;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.books.StockStatus;
import io.millrace.accounting.books.TransferInTransit;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import io.millrace.accounting.ledger.TrialBalance;
import io.millrace.accounting.master.BomComponent;
import io.millrace.accounting.master.InMemoryMasterData;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every implementation of the {@link Books} port does. {@link #books()} is the current
 * transaction's view; {@link #commit()} makes its writes durable and starts the next one, so each
 * behaviour is checked both within one unit of work and across units.
 */
abstract class BooksContract {

    static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    protected abstract Books books();

    /** Ends the current transaction with a commit and begins a new one. */
    protected abstract void commit();

    // ---------------------------------------------------------------- journal

    static JournalEntry entry(String id, String trackingId, LocalDate date, boolean late, String account,
                              String amount) {
        Dimensions dims = Dimensions.plant("P100").withOrder("MO-1").withItem("RM-STEEL").withLot("L1")
                .withCostCenter("CC-1").withSupplier("S-ACME").withCustomer("C-BETA");
        return new JournalEntry(id, "P100", date, null, late, new SourceEvent(trackingId, "urn:mes", "E-" + id,
                "mfg.production.material.consumed"), "order:MO-1", "key:k1", "Consumption",
                List.of(JournalLine.debit(account, d(amount), dims),
                        JournalLine.credit("1400", d(amount), Dimensions.plant("P100"))), null);
    }

    @Test
    void journalKeepsEveryFieldOfAnEntryAndItsLines() {
        JournalEntry entry = entry("T-1-1", "T-1", LocalDate.of(2026, 11, 2), true, "1450", "12.34");
        books().journal().add(entry);
        assertThat(books().journal().find("T-1-1")).contains(entry);
        commit();
        assertThat(books().journal().find("T-1-1")).contains(entry);
        assertThat(books().journal().find("T-9-1")).isEmpty();
    }

    @Test
    void journalListsEntriesByEventAndPeriodInPostingOrderIncludingUncommittedOnes() {
        JournalEntry first = entry("T-1-1", "T-1", LocalDate.of(2026, 11, 2), false, "1450", "1.00");
        JournalEntry second = entry("T-1-2", "T-1", LocalDate.of(2026, 11, 30), false, "5300", "2.00");
        JournalEntry december = entry("T-2-1", "T-2", LocalDate.of(2026, 12, 1), true, "1450", "3.00");
        books().journal().add(first);
        books().journal().add(december);
        commit();
        books().journal().add(second);
        assertThat(books().journal().forEvent("T-1")).containsExactly(first, second);
        assertThat(books().journal().inPeriod(YearMonth.of(2026, 11))).containsExactly(first, second);
        assertThat(books().journal().inPeriod(YearMonth.of(2026, 12))).containsExactly(december);
        assertThat(books().journal().all()).containsExactly(first, december, second);
        commit();
        assertThat(books().journal().all()).containsExactly(first, december, second);
        assertThat(books().journal().forEvent("T-3")).isEmpty();
    }

    @Test
    void journalRefusesASecondEntryWithTheSameId() {
        JournalEntry entry = entry("T-1-1", "T-1", LocalDate.of(2026, 11, 2), false, "1450", "1.00");
        books().journal().add(entry);
        assertThatThrownBy(() -> books().journal().add(entry)).isInstanceOf(IllegalStateException.class);
        commit();
        assertThatThrownBy(() -> {
            books().journal().add(entry);
            commit();
        }).isInstanceOfAny(IllegalStateException.class, BooksStorageException.class);
    }

    // -------------------------------------------------------------- inventory

    static StockKey key(String location, String lot, StockStatus status) {
        return new StockKey("P100", location, "RM-STEEL", lot, status);
    }

    static StockBalance balance(String location, String lot, StockStatus status, String quantity, Instant at) {
        return new StockBalance(key(location, lot, status), d(quantity), at);
    }

    @Test
    void inventoryFindsSavedBalancesAndForgetsEmptiedOnes() {
        StockBalance balance = balance("P100-RM", "L1", StockStatus.UNRESTRICTED, "12.5", T0);
        books().inventory().save(balance);
        assertThat(books().inventory().find(balance.key())).hasValueSatisfying(b -> same(b, balance));
        commit();
        assertThat(books().inventory().find(balance.key())).hasValueSatisfying(b -> same(b, balance));
        assertThat(books().inventory().find(key("P100-RM", "L1", StockStatus.BLOCKED))).isEmpty();
        books().inventory().save(balance("P100-RM", "L1", StockStatus.UNRESTRICTED, "0", T0));
        assertThat(books().inventory().find(balance.key())).isEmpty();
        assertThat(books().inventory().atLocation("P100", "P100-RM", "RM-STEEL")).isEmpty();
        commit();
        assertThat(books().inventory().find(balance.key())).isEmpty();
        assertThat(books().inventory().all()).isEmpty();
        assertThat(books().inventory().plantQuantity("P100", "RM-STEEL")).isZero();
    }

    @Test
    void atLocationListsEveryLotAndStatusOfTheItemThereAndNothingElse() {
        books().inventory().save(balance("P100-LINE", "L1", StockStatus.UNRESTRICTED, "5", T0));
        books().inventory().save(balance("P100-LINE", "L2", StockStatus.BLOCKED, "2", T0.plusSeconds(60)));
        books().inventory().save(balance("P100-RM", "L3", StockStatus.UNRESTRICTED, "7", T0));
        books().inventory().save(new StockBalance(new StockKey("P100", "P100-LINE", "RM-PAINT", "L9",
                StockStatus.UNRESTRICTED), d("1"), T0));
        books().inventory().save(new StockBalance(new StockKey("P200", "P100-LINE", "RM-STEEL", "L1",
                StockStatus.UNRESTRICTED), d("1"), T0));
        assertThat(lots(books().inventory().atLocation("P100", "P100-LINE", "RM-STEEL")))
                .containsOnly(Map.entry("L1/UNRESTRICTED", d("5")), Map.entry("L2/BLOCKED", d("2")));
        commit();
        assertThat(lots(books().inventory().atLocation("P100", "P100-LINE", "RM-STEEL")))
                .containsOnly(Map.entry("L1/UNRESTRICTED", d("5")), Map.entry("L2/BLOCKED", d("2")));
        books().inventory().save(balance("P100-LINE", "L4", StockStatus.UNRESTRICTED, "1.25", T0));
        books().inventory().save(balance("P100-LINE", "L1", StockStatus.UNRESTRICTED, "4", T0));
        assertThat(lots(books().inventory().atLocation("P100", "P100-LINE", "RM-STEEL"))).containsOnly(
                Map.entry("L1/UNRESTRICTED", d("4")), Map.entry("L2/BLOCKED", d("2")),
                Map.entry("L4/UNRESTRICTED", d("1.25")));
        assertThat(books().inventory().atLocation("P100", "P100-FG", "RM-STEEL")).isEmpty();
    }

    @Test
    void plantQuantitySumsEveryLocationLotAndStatusAndFollowsUncommittedSaves() {
        assertThat(books().inventory().plantQuantity("P100", "RM-STEEL")).isZero();
        books().inventory().save(balance("P100-LINE", "L1", StockStatus.UNRESTRICTED, "5", T0));
        books().inventory().save(balance("P100-RM", "L2", StockStatus.BLOCKED, "2.000001", T0));
        books().inventory().save(new StockBalance(new StockKey("P200", "P200-RM", "RM-STEEL", "L1",
                StockStatus.UNRESTRICTED), d("100"), T0));
        assertThat(books().inventory().plantQuantity("P100", "RM-STEEL")).isEqualByComparingTo("7.000001");
        commit();
        assertThat(books().inventory().plantQuantity("P100", "RM-STEEL")).isEqualByComparingTo("7.000001");
        books().inventory().save(balance("P100-LINE", "L1", StockStatus.UNRESTRICTED, "1", T0));
        assertThat(books().inventory().plantQuantity("P100", "RM-STEEL")).isEqualByComparingTo("3.000001");
        commit();
        assertThat(books().inventory().plantQuantity("P100", "RM-STEEL")).isEqualByComparingTo("3.000001");
        assertThat(books().inventory().plantQuantity("P200", "RM-STEEL")).isEqualByComparingTo("100");
        assertThat(books().inventory().all()).hasSize(3);
    }

    @Test
    void aBalanceKeepsWhenItsLotCameIn() {
        Instant received = Instant.parse("2026-10-31T23:59:59.123Z");
        books().inventory().save(balance("P100-RM", "L1", StockStatus.UNRESTRICTED, "1", received));
        commit();
        assertThat(books().inventory().find(key("P100-RM", "L1", StockStatus.UNRESTRICTED)).orElseThrow()
                .receivedAt()).isEqualTo(received);
    }

    // ----------------------------------------------------------------- orders

    @Test
    void ordersKeepTheirBomSnapshotProgressAndLifecycle() {
        ProductionOrder released = new ProductionOrder("MO-1", "P100", "FG-BRACKET", d("200"), "ea",
                new OrderStatus.Released(T0), List.of(new BomComponent("RM-STEEL", d("3")),
                new BomComponent("RM-PAINT", d("0.2"))), d("11.00"), d("0.00"), BigDecimal.ZERO, BigDecimal.ZERO);
        books().orders().save(released);
        commit();
        ProductionOrder read = books().orders().find("MO-1").orElseThrow();
        assertThat(read.bom()).extracting(BomComponent::item).containsExactly("RM-STEEL", "RM-PAINT");
        assertThat(read.bom().get(1).quantityPer()).isEqualByComparingTo("0.2");
        assertThat(read.status()).isEqualTo(new OrderStatus.Released(T0));
        assertThat(read.closed()).isFalse();
        ProductionOrder closed = read.withWip(d("0.00")).withProgress(d("195"), d("5"))
                .withStatus(new OrderStatus.Closed(T0, T0.plusSeconds(3600), d("-5.00")));
        books().orders().save(closed);
        assertThat(books().orders().find("MO-1")).contains(closed);
        commit();
        ProductionOrder after = books().orders().find("MO-1").orElseThrow();
        assertThat(after.closed()).isTrue();
        assertThat(((OrderStatus.Closed) after.status()).variance()).isEqualByComparingTo("-5.00");
        assertThat(after.completedQuantity()).isEqualByComparingTo("195");
        assertThat(after.scrappedQuantity()).isEqualByComparingTo("5");
        assertThat(books().orders().all()).extracting(ProductionOrder::orderId).containsExactly("MO-1");
        assertThat(books().orders().find("MO-2")).isEmpty();
    }

    // ------------------------------------------------------------ order lines

    @Test
    void purchaseOrderLinesAreReplacedByOrderAndLine() {
        PurchaseOrderLineProgress line = new PurchaseOrderLineProgress("4500001", 10, "P100", "RM-STEEL", d("2.10"),
                d("1000"), BigDecimal.ZERO);
        books().purchaseOrderLines().save(line);
        books().purchaseOrderLines().save(new PurchaseOrderLineProgress("4500001", 20, "P100", "RM-PAINT",
                d("4.80"), d("100"), BigDecimal.ZERO));
        commit();
        books().purchaseOrderLines().save(line.withInvoiced(d("400.5")));
        PurchaseOrderLineProgress read = books().purchaseOrderLines().find("4500001", 10).orElseThrow();
        assertThat(read.invoiced()).isEqualByComparingTo("400.5");
        commit();
        read = books().purchaseOrderLines().find("4500001", 10).orElseThrow();
        assertThat(read.received()).isEqualByComparingTo("1000");
        assertThat(read.invoiced()).isEqualByComparingTo("400.5");
        assertThat(read.unitPrice()).isEqualByComparingTo("2.10");
        assertThat(books().purchaseOrderLines().all()).hasSize(2);
        assertThat(books().purchaseOrderLines().find("4500001", 30)).isEmpty();
    }

    @Test
    void salesOrderLinesAccumulateShippedAndBilled() {
        books().salesOrderLines().save(new SalesOrderLineProgress("7000001", 10, d("150"), d("3750.00")));
        commit();
        SalesOrderLineProgress read = books().salesOrderLines().find("7000001", 10).orElseThrow();
        books().salesOrderLines().save(read.add(d("10"), d("250.00")));
        commit();
        read = books().salesOrderLines().find("7000001", 10).orElseThrow();
        assertThat(read.shipped()).isEqualByComparingTo("160");
        assertThat(read.billed()).isEqualByComparingTo("4000.00");
        assertThat(books().salesOrderLines().all()).hasSize(1);
    }

    @Test
    void receiptLotsOfALotComeOldestFirstAndAreReplacedByTheirKey() {
        ReceiptLot later = new ReceiptLot("4500002", 10, "P100", "RM-STEEL", "L1", d("2.20"), d("5"),
                BigDecimal.ZERO, T0.plusSeconds(60));
        ReceiptLot earlier = new ReceiptLot("4500001", 10, "P100", "RM-STEEL", "L1", d("2.10"), d("10"),
                BigDecimal.ZERO, T0);
        books().receiptLots().save(later);
        commit();
        books().receiptLots().save(earlier);
        books().receiptLots().save(new ReceiptLot("4500001", 10, "P100", "RM-STEEL", "L2", d("2.10"), d("1"),
                BigDecimal.ZERO, T0));
        assertThat(books().receiptLots().forLot("RM-STEEL", "L1")).extracting(ReceiptLot::purchaseOrder)
                .containsExactly("4500001", "4500002");
        books().receiptLots().save(earlier.withReturned(d("4")));
        commit();
        List<ReceiptLot> lot = books().receiptLots().forLot("RM-STEEL", "L1");
        assertThat(lot).extracting(ReceiptLot::purchaseOrder).containsExactly("4500001", "4500002");
        assertThat(lot.get(0).returnable()).isEqualByComparingTo("6");
        assertThat(books().receiptLots().all()).hasSize(3);
        assertThat(books().receiptLots().forLot("RM-PAINT", "L1")).isEmpty();
    }

    // ---------------------------------------------------------------- transfers in transit

    @Test
    void aTransferInTransitIsShippedOnceKeptAcrossUnitsAndGoneOnceReceived() {
        TransferInTransit first = new TransferInTransit("T-1", "TR-1", "P100", "P200", "RM-STEEL", "L1", d("40"),
                "P200-RM", d("80.00"), T0, T0.plusSeconds(60));
        TransferInTransit second = new TransferInTransit("T-2", "TR-2", "P200", "P100", "RM-PAINT", "L2",
                d("0.5"), "P100-RM", d("2.50"), T0, T0);
        books().transfersInTransit().ship(first);
        assertThat(books().transfersInTransit().find("T-1")).contains(first);
        commit();
        books().transfersInTransit().ship(second);
        assertThat(books().transfersInTransit().all()).extracting(TransferInTransit::transferTrackingId)
                .containsExactly("T-2", "T-1");
        commit();

        TransferInTransit read = books().transfersInTransit().find("T-1").orElseThrow();
        assertThat(read.value()).isEqualByComparingTo("80.00");
        assertThat(read.quantity()).isEqualByComparingTo("40");
        assertThat(read.stockSince()).isEqualTo(T0);
        assertThat(read.toLocation()).isEqualTo("P200-RM");
        books().transfersInTransit().receive("T-1");
        assertThat(books().transfersInTransit().find("T-1")).isEmpty();
        assertThat(books().transfersInTransit().all()).extracting(TransferInTransit::transferTrackingId)
                .containsExactly("T-2");
        commit();
        assertThat(books().transfersInTransit().find("T-1")).isEmpty();
        assertThat(books().transfersInTransit().all()).extracting(TransferInTransit::transferTrackingId)
                .containsExactly("T-2");
    }

    // ---------------------------------------------------------------- periods

    @Test
    void aPeriodClosesOnceAndKeepsItsFirstCloser() {
        assertThat(books().periods().isClosed(YearMonth.of(2026, 10))).isFalse();
        books().periods().close(new ClosedPeriod(YearMonth.of(2026, 10), "key:a", T0));
        assertThat(books().periods().isClosed(YearMonth.of(2026, 10))).isTrue();
        commit();
        books().periods().close(new ClosedPeriod(YearMonth.of(2026, 10), "key:b", T0.plusSeconds(5)));
        books().periods().close(new ClosedPeriod(YearMonth.of(2026, 9), "key:b", T0.plusSeconds(5)));
        commit();
        assertThat(books().periods().closed()).extracting(ClosedPeriod::period, ClosedPeriod::closedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 9), "key:b"),
                        org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 10), "key:a"));
        assertThat(books().periods().isClosed(YearMonth.of(2026, 11))).isFalse();
    }

    // ----------------------------------------------------------------- engine

    @ParameterizedTest(name = "{0} events per transaction")
    @ValueSource(ints = {1, 5, 16})
    void theWorkedExamplePostsToTheTrialBalanceOfPostingsMd(int eventsPerTransaction) {
        InMemoryMasterData master = WorkedExample.masterData();
        List<ManufacturingEvent> events = WorkedExample.events();
        for (int i = 0; i < events.size(); i++) {
            PostingEngine engine = new PostingEngine(master, books(), PostingSettings.defaults());
            Outcome outcome = engine.apply(WorkedExample.context("P100", events.get(i), i + 1, WorkedExample.START),
                    events.get(i));
            assertThat(outcome).as("event %d", i + 1).isInstanceOf(Outcome.Posted.class);
            if ((i + 1) % eventsPerTransaction == 0) {
                commit();
            }
        }
        commit();
        Map<String, BigDecimal> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("1200", d("3750.00")), Map.entry("1400", d("1115.00")), Map.entry("1420", d("451.00")),
                Map.entry("1450", d("0.00")), Map.entry("2000", d("-2120.00")), Map.entry("2100", d("-480.00")),
                Map.entry("4000", d("-3750.00")), Map.entry("5000", d("1650.00")), Map.entry("5100", d("100.00")),
                Map.entry("5200", d("-5.00")), Map.entry("5300", d("99.00")), Map.entry("5500", d("-810.00"))));
        assertThat(TrialBalance.of(books().journal().all()).balances()).isEqualTo(expected);
        Map<String, BigDecimal> stock = books().inventory().all().stream().collect(Collectors.toMap(
                b -> b.key().item() + "@" + b.key().location() + "/" + b.key().status(), StockBalance::quantity,
                BigDecimal::add, TreeMap::new));
        assertThat(stock).hasSize(5);
        assertThat(stock.get("RM-STEEL@P100-RM/UNRESTRICTED")).isEqualByComparingTo("400");
        assertThat(stock.get("RM-STEEL@P100-LINE/UNRESTRICTED")).isEqualByComparingTo("10");
        assertThat(stock.get("RM-PAINT@P100-RM/UNRESTRICTED")).isEqualByComparingTo("50");
        assertThat(stock.get("RM-PAINT@P100-LINE/UNRESTRICTED")).isEqualByComparingTo("9");
        assertThat(stock.get("FG-BRACKET@P100-FG/UNRESTRICTED")).isEqualByComparingTo("41");
        assertThat(books().orders().find("MO-1").orElseThrow().closed()).isTrue();
        assertThat(new Invariants(master, AccountDetermination.defaults()).violations(books())).isEmpty();
    }

    @Test
    void anEventThatWaitsLeavesNothingBehindInTheBooks() {
        InMemoryMasterData master = WorkedExample.masterData();
        PostingEngine engine = new PostingEngine(master, books(), PostingSettings.defaults());
        MaterialConsumed early = new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("5"), "kg", "P100-LINE");
        Outcome outcome = engine.apply(WorkedExample.context("P100", early, 1, WorkedExample.START), early);
        assertThat(outcome).isInstanceOf(Outcome.Parked.class);
        commit();
        assertThat(books().journal().all()).isEmpty();
        assertThat(books().orders().all()).isEmpty();
        assertThat(books().inventory().all()).isEmpty();
    }

    static void same(StockBalance actual, StockBalance expected) {
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.quantity()).isEqualByComparingTo(expected.quantity());
        assertThat(actual.receivedAt()).isEqualTo(expected.receivedAt());
    }

    static Map<String, BigDecimal> lots(List<StockBalance> balances) {
        return balances.stream().collect(Collectors.toMap(b -> b.key().lot() + "/" + b.key().status(),
                b -> b.quantity().stripTrailingZeros(), BigDecimal::add, TreeMap::new))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().scale() < 0 ? e.getValue().setScale(0) : e.getValue(), (a, b) -> a,
                        TreeMap::new));
    }
}
