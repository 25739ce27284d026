package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.web.FieldError;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class EventCatalogTest {

    private final EventCatalog catalog = Examples.CATALOG;

    static Stream<ObjectNode> validExamples() {
        return Examples.valid().stream();
    }

    static Stream<ObjectNode> workedExample() {
        return Examples.workedExample().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("validExamples")
    void acceptsTheValidExampleOfEveryType(ObjectNode event) {
        assertThat(catalog.validate(event)).isEmpty();
    }

    @Test
    void validExamplesCoverEveryTypeOfTheCatalog() {
        assertThat(Examples.valid().stream().map(e -> e.get("type").asString()))
                .containsExactlyInAnyOrderElementsOf(catalog.types().stream().map(EventTypeDescriptor::type).toList());
        assertThat(catalog.types()).hasSize(16);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("workedExample")
    void acceptsEveryEventOfTheWorkedExample(ObjectNode event) {
        assertThat(catalog.validate(event)).isEmpty();
    }

    @Test
    void workedExampleHasItsSixteenEventsWithTheirBusinessKeys() {
        assertThat(Examples.workedExample().stream().map(catalog::businessKey)).containsExactly(
                "po:4500001", "po:4500001", "lot:L-ST-1", "lot:L-PT-1",
                "order:MO-1", "order:MO-1", "order:MO-1", "order:MO-1", "order:MO-1", "order:MO-1", "order:MO-1",
                "lot:L-FG-1", "lot:L-FG-1", "lot:L-FG-1", "so:7000001", "po:4500001");
    }

    @Test
    void businessKeyOfAnInvoiceIsThePurchaseOrderOfItsFirstLine() {
        assertThat(catalog.businessKey(Examples.of("mfg.procurement.invoice.received"))).isEqualTo("po:4500007");
    }

    @Test
    void businessKeyOfCountsAndTransfersIsTheLot() {
        assertThat(catalog.businessKey(Examples.of("mfg.inventory.count.adjusted"))).isEqualTo("lot:L-PT-1");
        assertThat(catalog.businessKey(Examples.of("mfg.inventory.stock.transferred"))).isEqualTo("lot:L-FG-7");
    }

    @Test
    void businessKeyOfAnEventOfUnknownTypeIsRefused() {
        ObjectNode event = Examples.with(Examples.of("mfg.production.order.closed"), "/type", "\"mfg.other\"");
        assertThatThrownBy(() -> catalog.businessKey(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mfg.other");
    }

    @Test
    void businessKeyOfAnEventWithoutItsKeyFieldIsRefused() {
        ObjectNode event = Examples.without(Examples.of("mfg.production.order.closed"), "/data/orderId");
        assertThatThrownBy(() -> catalog.businessKey(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/data/orderId");
    }

    @Test
    void reportsEveryViolationOfOneEventInDocumentTerms() {
        ObjectNode event = Examples.of("mfg.procurement.invoice.received");
        Examples.without(event, "/id");
        Examples.with(event, "/time", "\"2026-11-26T08:15:00\"");
        Examples.with(event, "/data/qty", "1");
        Examples.with(event, "/data/lines/1/unitPrice", "-0.5");
        Examples.with(event, "/data/lines/0/quantity", "1.1234567");

        assertThat(catalog.validate(event)).containsExactlyInAnyOrder(
                FieldError.at("/id", "is required"),
                FieldError.at("/time", "must be an RFC 3339 timestamp with a zone, e.g. 2026-11-26T08:15:00Z"),
                FieldError.at("/data/qty", "unknown field 'qty'"),
                FieldError.at("/data/lines/1/unitPrice", "must not be negative"),
                FieldError.at("/data/lines/0/quantity", "must have at most 6 decimals"));
    }

    @Test
    void leavesTheBatchIndexToTheCaller() {
        List<FieldError> errors = catalog.validate(Examples.without(Examples.of("mfg.production.order.closed"), "/plant"));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.index()).isNull());
        assertThat(errors.get(0).inBatch(3).index()).isEqualTo(3);
    }

    @Test
    void readsTheTimeOfAnEventInAnyFormRfc3339Allows() {
        ObjectNode event = Examples.with(Examples.of("mfg.production.order.closed"), "/time", "\"2026-11-30t23:30:00.5+01:00\"");
        assertThat(EventCatalog.eventTime(event)).isEqualTo(OffsetDateTime.parse("2026-11-30T23:30:00.5+01:00"));
        assertThat(EventCatalog.eventTime(Examples.workedExample().get(0)))
                .isEqualTo(OffsetDateTime.parse("2026-11-02T07:00:00Z"));
        assertThatThrownBy(() -> EventCatalog.eventTime(Examples.without(event, "/time")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsExactlyTheTypesOfTheCatalog() {
        assertThat(catalog.knowsType("mfg.production.material.consumed")).isTrue();
        assertThat(catalog.knowsType("mfg.finance.journal.posted")).isFalse();
        assertThat(catalog.knowsType(null)).isFalse();
    }

    @Test
    void describesEveryTypeWithItsVersionSchemaAndBusinessKey() {
        EventTypeDescriptor invoice = catalog.types().stream()
                .filter(t -> t.type().equals("mfg.procurement.invoice.received")).findFirst().orElseThrow();
        assertThat(invoice.businessKey()).isEqualTo("po:<lines[0].purchaseOrder>");
        assertThat(invoice.versions()).singleElement().satisfies(v -> {
            assertThat(v.major()).isEqualTo(1);
            assertThat(v.dataschema()).isEqualTo("urn:millrace:schema:mfg.procurement.invoice.received:1");
            assertThat(v.schema().get("$id").asString()).isEqualTo(v.dataschema());
            assertThat(v.schema().get("additionalProperties").asBoolean(true)).isFalse();
        });
        assertThat(catalog.types()).extracting(EventTypeDescriptor::businessKey)
                .containsOnly("order:<orderId>", "lot:<lot>", "po:<purchaseOrder>", "po:<lines[0].purchaseOrder>",
                        "so:<salesOrder>", "reversal:<trackingId>", "transfer:<transferTrackingId>");
    }
}
