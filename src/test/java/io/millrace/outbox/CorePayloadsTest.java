package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import io.millrace.accounting.posting.OutboundMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

class CorePayloadsTest {

    private static final UUID TRACKING = UUID.fromString("0190f0a4-7b5e-7c3a-9d41-5a1f2e3b4c5d");
    private static final EventContext CONTEXT = new EventContext(TRACKING.toString(), "urn:millrace:plant:P100:wms",
            "wms-1", "mfg.procurement.goods.received", "P100", "GR-1", "PO-4500001", Instant.parse("2026-11-26T08:15:00Z"),
            Instant.parse("2026-11-26T08:15:01Z"), "key-wms");

    private final Outbox outbox = new Outbox(new DriverManagerDataSource(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            OutboxProperties.defaults(List.of()));

    static JournalEntry receiptEntry() {
        Dimensions dims = Dimensions.plant("P100").withItem("RM-STEEL").withLot("L1").withSupplier("S-1");
        return new JournalEntry(TRACKING + "-1", "P100", LocalDate.parse("2026-11-26"), null, false,
                new SourceEvent(TRACKING.toString(), "urn:millrace:plant:P100:wms", "wms-1",
                        "mfg.procurement.goods.received"),
                "PO-4500001", "key-wms", "Goods receipt",
                List.of(JournalLine.debit("1400", new BigDecimal("125"), dims),
                        JournalLine.credit("2100", new BigDecimal("125.0"), Dimensions.plant("P100"))),
                null);
    }

    @Test
    void journalPostedCarriesEveryLineWithTwoDecimalAmountsAndItsDimensions() {
        OutboundMessage core = new OutboundMessage(OutboundMessage.JOURNAL_POSTED, TRACKING + "-1", "P100",
                new OutboundMessage.JournalPosted(receiptEntry()));

        OutboxMessage message = outbox.fromCore(CONTEXT, List.of(core)).get(0);
        String json = OutboxJson.write(message.data());

        assertThat(message.type()).isEqualTo("mfg.finance.journal.posted");
        assertThat(message.trackingId()).isEqualTo(TRACKING);
        assertThat(message.correlationId()).isEqualTo("PO-4500001");
        assertThat(message.plant()).isEqualTo("P100");
        assertThat(json).contains("\"debit\":125.00,\"credit\":0.00")
                .contains("\"totalDebit\":125.00,\"totalCredit\":125.00")
                .contains("\"dimensions\":{\"plant\":\"P100\",\"item\":\"RM-STEEL\",\"lot\":\"L1\",\"supplier\":\"S-1\"}")
                .contains("\"dimensions\":{\"plant\":\"P100\"}")
                .doesNotContain("reversalOf").doesNotContain("null");
        JsonNode data = message.data();
        assertThat(data.get("entryId").asString()).isEqualTo(TRACKING + "-1");
        assertThat(data.get("period").asString()).isEqualTo("2026-11");
        assertThat(data.get("sourceEvent").get("id").asString()).isEqualTo("wms-1");
        assertThat(data.get("lines")).hasSize(2);
        assertThat(data.get("lines").get(1).get("lineNo").asInt()).isEqualTo(2);
        assertThat(data.get("lines").get(1).get("account").asString()).isEqualTo("2100");
    }

    @Test
    void invoiceIssuedRoundsAmountsToCentsAndKeepsQuantitiesAndPrices() {
        OutboundMessage.InvoiceIssued invoice = new OutboundMessage.InvoiceIssued("INV-SH-1", "SH-1", "SO-1", "C-1",
                List.of(new OutboundMessage.InvoiceIssuedLine(10, "FG-BRACKET", new BigDecimal("2.500000"),
                        new BigDecimal("12.3456"), new BigDecimal("30.86"))),
                new BigDecimal("30.86"), new BigDecimal("6.2"), new BigDecimal("37.06"));

        String json = OutboxJson.write(CorePayloads.toJson(invoice));

        assertThat(json).isEqualTo("{\"invoiceId\":\"INV-SH-1\",\"shipmentId\":\"SH-1\",\"salesOrder\":\"SO-1\","
                + "\"customer\":\"C-1\",\"lines\":[{\"soLine\":10,\"item\":\"FG-BRACKET\",\"quantity\":2.500000,"
                + "\"unitPrice\":12.3456,\"amount\":30.86}],\"netAmount\":30.86,\"taxAmount\":6.20,\"totalAmount\":37.06}");
    }

    @Test
    void varianceSettledNamesOrderQuantitiesAndTheVarianceInCents() {
        String json = OutboxJson.write(CorePayloads.toJson(new OutboundMessage.VarianceSettled("MO-1", "FG-BRACKET",
                new BigDecimal("100"), new BigDecimal("2"), new BigDecimal("-12.5"), "5200")));

        assertThat(json).isEqualTo("{\"orderId\":\"MO-1\",\"item\":\"FG-BRACKET\",\"completedQuantity\":100,"
                + "\"scrappedQuantity\":2,\"variance\":-12.50,\"account\":\"5200\"}");
    }

    @Test
    void largeAmountsAreWrittenPlainNeverInExponentForm() {
        String json = OutboxJson.write(CorePayloads.toJson(new OutboundMessage.VarianceSettled("MO-1", "FG",
                new BigDecimal("1E+3"), BigDecimal.ZERO, new BigDecimal("1E+7"), "5200")));

        assertThat(json).contains("\"completedQuantity\":1000,").contains("\"variance\":10000000.00,");
    }

    @Test
    void aTrackingIdThatIsNotAUuidIsRefusedWithTheValue() {
        EventContext odd = new EventContext("T-1", null, null, null, "P100", null, null, Instant.EPOCH, null, null);

        assertThatThrownBy(() -> outbox.fromCore(odd, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'T-1' is not a UUID");
    }

    @Test
    void exceptionEventsCarryReasonStatusAndActorUnderTheEventsKeys() {
        OutboxMessage raised = ExceptionEvents.raised(CONTEXT, "EX-7", "UNKNOWN_ITEM", "item RM-X is unknown", "OPEN",
                "key-wms");
        OutboxMessage resolved = ExceptionEvents.resolved(TRACKING, "P100", "GR-1", "PO-4500001", "EX-7",
                "UNKNOWN_ITEM", null, "RESOLVED", "alice");

        assertThat(raised.type()).isEqualTo("mfg.integration.exception.raised");
        assertThat(raised.subject()).isEqualTo("GR-1");
        assertThat(raised.correlationId()).isEqualTo("PO-4500001");
        assertThat(raised.trackingId()).isEqualTo(TRACKING);
        assertThat(OutboxJson.write(raised.data())).isEqualTo("{\"trackingId\":\"" + TRACKING + "\",\"exceptionId\":"
                + "\"EX-7\",\"reasonCode\":\"UNKNOWN_ITEM\",\"message\":\"item RM-X is unknown\",\"status\":\"OPEN\","
                + "\"actor\":\"key-wms\"}");
        assertThat(resolved.type()).isEqualTo("mfg.integration.exception.resolved");
        assertThat(OutboxJson.write(resolved.data())).doesNotContain("message").contains("\"actor\":\"alice\"");
    }
}
