package io.millrace.accounting;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.event.Disposition;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceLine;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.ShipmentLine;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.ReasonCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One scenario per reason code: the outcome, its message and that nothing changed. */
class ReasonCodesTest {

    private static final GoodsReceived STEEL_RECEIPT =
            new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("400"), "kg", "P100-LINE");
    private static final OrderReleased RELEASE = new OrderReleased("MO-1", "FG-BRACKET", d("200"), "ea");

    /** A scenario: what to post first, the event that must not post, and what its message says. */
    record Scenario(Consumer<Harness> setUp, String plant, ManufacturingEvent event, Set<String> waitingFor,
                    List<String> messageMentions) {
    }

    private static final Map<ReasonCode, Scenario> SCENARIOS = new EnumMap<>(ReasonCode.class);

    static {
        Consumer<Harness> nothing = h -> { };
        Consumer<Harness> received = h -> h.post(STEEL_RECEIPT);
        Consumer<Harness> released = h -> h.post(RELEASE);
        add(ReasonCode.UNKNOWN_PLANT, nothing, "P999", RELEASE, Set.of(), "P999");
        add(ReasonCode.UNKNOWN_ITEM, released, "P100",
                new MaterialConsumed("MO-1", "RM-GOLD", "L-1", d("1"), "kg", "P100-LINE"), Set.of(), "RM-GOLD");
        add(ReasonCode.UNKNOWN_LOCATION, nothing, "P100",
                new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-XX"), Set.of(),
                "P100-XX");
        add(ReasonCode.LOCATION_NOT_IN_PLANT, h -> h.master.put(new Plant("P200", "Second"))
                        .put(new Location("P200-RM", "P200", LocationRole.STORE)), "P100",
                new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1"), "kg", "P200-RM"), Set.of(),
                "P200-RM", "P200");
        add(ReasonCode.UNKNOWN_WORK_CENTER, released, "P100",
                new OperationConfirmed("MO-1", "0010", "WC-NONE", d("1"), d("1"), d("1")), Set.of(), "WC-NONE");
        add(ReasonCode.UNKNOWN_SUPPLIER, received, "P100", new InvoiceReceived("INV-1", "S-NONE", "EUR",
                List.of(new InvoiceLine("4500001", 10, d("1"), d("2.10")))), Set.of(), "S-NONE");
        add(ReasonCode.UNKNOWN_CUSTOMER, nothing, "P100", new ShipmentConfirmed("SH-1", "7000001", "C-NONE",
                List.of(new ShipmentLine(10, "FG-BRACKET", "L-FG-1", "P100-FG", d("1"), "ea"))), Set.of(), "C-NONE");
        add(ReasonCode.UNKNOWN_PURCHASE_ORDER, nothing, "P100",
                new GoodsReceived("GR-1", "4599999", 10, "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-RM"), Set.of(),
                "4599999");
        add(ReasonCode.UNKNOWN_PO_LINE, nothing, "P100",
                new GoodsReceived("GR-1", "4500001", 30, "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-RM"), Set.of(),
                "4500001", "30");
        add(ReasonCode.UNKNOWN_SALES_ORDER, nothing, "P100", new ShipmentConfirmed("SH-1", "7999999", "C-BETA",
                List.of(new ShipmentLine(10, "FG-BRACKET", "L-FG-1", "P100-FG", d("1"), "ea"))), Set.of(), "7999999");
        add(ReasonCode.UNKNOWN_SO_LINE, nothing, "P100", new ShipmentConfirmed("SH-1", "7000001", "C-BETA",
                List.of(new ShipmentLine(20, "FG-BRACKET", "L-FG-1", "P100-FG", d("1"), "ea"))), Set.of(), "line 20");
        add(ReasonCode.UNKNOWN_BOM, nothing, "P100", new OrderReleased("MO-9", "RM-STEEL", d("1"), "kg"), Set.of(),
                "RM-STEEL", "bill of material");
        add(ReasonCode.REFERENCE_MISMATCH, nothing, "P100",
                new GoodsReceived("GR-1", "4500001", 10, "RM-PAINT", "L-PT-1", d("1"), "l", "P100-RM"), Set.of(),
                "RM-STEEL", "RM-PAINT");
        add(ReasonCode.UOM_NOT_BASE_UNIT, nothing, "P100",
                new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("1"), "t", "P100-RM"), Set.of(),
                "t", "kg");
        add(ReasonCode.INVALID_DATA, nothing, "P100",
                new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-ST-1", d("0"), "kg", "P100-RM"), Set.of(),
                "quantity");
        add(ReasonCode.NEGATIVE_STOCK, received.andThen(released), "P100",
                new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("400.5"), "kg", "P100-LINE"),
                Set.of("stock:P100:P100-LINE:RM-STEEL:L-ST-1"), "400", "400.5");
        add(ReasonCode.ORDER_NOT_RELEASED, received, "P100",
                new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-LINE"),
                Set.of("order:MO-1"), "MO-1");
        add(ReasonCode.ORDER_ALREADY_RELEASED, released, "P100", RELEASE, Set.of(), "MO-1");
        add(ReasonCode.ORDER_CLOSED, released.andThen(h -> h.post(new OrderClosed("MO-1"))), "P100",
                new OrderCompleted("MO-1", "FG-BRACKET", "L-FG-1", d("1"), "ea", "P100-FG", false), Set.of(), "MO-1");
        add(ReasonCode.RECEIPT_OVER_OPEN_QUANTITY, received, "P100",
                new GoodsReceived("GR-2", "4500001", 10, "RM-STEEL", "L-ST-2", d("600.000001"), "kg", "P100-RM"),
                Set.of(), "600.000001", "600", "1000");
        add(ReasonCode.RETURN_NOT_RECEIVED, received, "P100",
                new LotRejected("RM-STEEL", "L-ST-1", "P100-LINE", d("500"), Disposition.RETURN_TO_VENDOR, "QC"),
                Set.of("receipt:RM-STEEL:L-ST-1"), "500", "400");
        add(ReasonCode.INVOICE_QUANTITY_NOT_RECEIVED, received, "P100", new InvoiceReceived("INV-1", "S-ACME", "EUR",
                        List.of(new InvoiceLine("4500001", 10, d("500"), d("2.10")))),
                Set.of("poline:4500001:10"), "500", "400");
        add(ReasonCode.THREE_WAY_MATCH_FAILED, received, "P100", new InvoiceReceived("INV-1", "S-ACME", "EUR",
                        List.of(new InvoiceLine("4500001", 10, d("400"), d("2.21")))),
                Set.of(), "line 1", "4500001/10", "2.21", "2.10", "5.24 %", "5 %");
        add(ReasonCode.EXCHANGE_RATE_MISSING, received, "P100", new InvoiceReceived("INV-1", "S-ACME", "USD",
                        List.of(new InvoiceLine("4500001", 10, d("400"), d("2.30")))),
                Set.of(), "USD", "EUR", "2026-11-02");
        add(ReasonCode.TRANSFER_NOT_IN_TRANSIT, received, "P100", new TransferReceived("T-9", "TR-9", "RM-STEEL",
                "L-ST-1", d("1"), "kg", "P200", "P100-RM"), Set.of(), "TR-9", "T-9", "not in transit");
        add(ReasonCode.REVERSAL_UNKNOWN_EVENT, nothing, "P100", reversal("T-99"), Set.of(), "T-99");
        add(ReasonCode.REVERSAL_NOT_YET_POSTED, h -> h.apply(
                        new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-LINE")), "P100",
                reversal("T-1"), Set.of("done:T-1"), "T-1");
        add(ReasonCode.REVERSAL_NOT_POSTED, h -> h.apply(new OrderReleased("MO-9", "RM-GOLD", d("1"), "kg")), "P100",
                reversal("T-1"), Set.of(), "T-1", "exception");
        add(ReasonCode.REVERSAL_ALREADY_REVERSED, received.andThen(h -> h.post(reversal("T-1"))), "P100",
                reversal("T-1"), Set.of(), "T-1");
        add(ReasonCode.REVERSAL_STOCK_USED, received.andThen(released).andThen(h -> h.post(
                        new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-LINE"))), "P100",
                reversal("T-1"), Set.of(), "RM-STEEL", "L-ST-1", "399", "400");
        add(ReasonCode.REVERSAL_ORDER_CLOSED, received.andThen(released).andThen(h -> h.post(
                        new MaterialConsumed("MO-1", "RM-STEEL", "L-ST-1", d("1"), "kg", "P100-LINE")))
                        .andThen(h -> h.post(new OrderClosed("MO-1"))), "P100",
                reversal("T-3"), Set.of(), "MO-1", "closed");
        add(ReasonCode.REVERSAL_ALREADY_INVOICED, received.andThen(h -> h.post(new InvoiceReceived("INV-1", "S-ACME",
                        "EUR", List.of(new InvoiceLine("4500001", 10, d("400"), d("2.10")))))), "P100",
                reversal("T-1"), Set.of(), "4500001", "400", "invoice");
        add(ReasonCode.REVERSAL_NOT_SUPPORTED, released, "P100", reversal("T-1"), Set.of(),
                "T-1", "mfg.production.order.released");
        add(ReasonCode.REVERSAL_OUT_OF_SCOPE, received.andThen(h -> h.master.put(new Plant("P200", "Second"))),
                "P200", reversal("T-1"), Set.of(), "T-1", "P100", "P200");
    }

    private static ReversalRequested reversal(String trackingId) {
        return new ReversalRequested(trackingId, "booked in error");
    }

    private static void add(ReasonCode reason, Consumer<Harness> setUp, String plant, ManufacturingEvent event,
                            Set<String> waitingFor, String... mentions) {
        SCENARIOS.put(reason, new Scenario(setUp, plant, event, waitingFor, List.of(mentions)));
    }

    static Stream<Arguments> scenarios() {
        return SCENARIOS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void everyReasonCodeHasAScenario() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrder(ReasonCode.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void refusesWithThePreciseReasonAndChangesNothing(ReasonCode reason, Scenario scenario) {
        Harness harness = new Harness();
        scenario.setUp().accept(harness);
        BooksSnapshot before = BooksSnapshot.of(harness.books);

        Outcome outcome = harness.apply(scenario.plant(), scenario.event());

        String message;
        if (reason.waits()) {
            assertThat(outcome).isInstanceOf(Outcome.Parked.class);
            Outcome.Parked parked = (Outcome.Parked) outcome;
            assertThat(parked.reason()).isEqualTo(reason);
            assertThat(parked.waitingFor()).isEqualTo(scenario.waitingFor());
            message = parked.message();
        } else {
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            Outcome.Rejected rejected = (Outcome.Rejected) outcome;
            assertThat(rejected.reason()).isEqualTo(reason);
            message = rejected.message();
        }
        assertThat(message).contains(scenario.messageMentions());
        assertThat(BooksSnapshot.of(harness.books)).isEqualTo(before);
    }
}
