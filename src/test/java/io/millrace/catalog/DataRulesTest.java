package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.millrace.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The data rules of events.md, one failing case each, with the exact pointer and message. */
class DataRulesTest {

    private static final String CODE = "must be a code of 1 to 64 characters: ASCII letters, digits and - _ . /";
    private static final String CONSUMED = "mfg.production.material.consumed";
    private static final String CONFIRMED = "mfg.production.operation.confirmed";
    private static final String COMPLETED = "mfg.production.order.completed";
    private static final String REJECTED = "mfg.quality.lot.rejected";
    private static final String RECEIVED = "mfg.procurement.goods.received";
    private static final String INVOICE = "mfg.procurement.invoice.received";
    private static final String SHIPMENT = "mfg.fulfillment.shipment.confirmed";
    private static final String TRANSFER = "mfg.inventory.stock.transferred";
    private static final String COUNT = "mfg.inventory.count.adjusted";

    private final EventCatalog catalog = Examples.CATALOG;

    static Stream<Arguments> violations() {
        return Stream.of(
                // fields: unknown, wrong type, null
                arguments(CONSUMED, "/data/qty", "5", "/data/qty", "unknown field 'qty'"),
                arguments(INVOICE, "/data/lines/1/colour", "\"red\"", "/data/lines/1/colour", "unknown field 'colour'"),
                arguments(SHIPMENT, "/data/lines/0/price", "1", "/data/lines/0/price", "unknown field 'price'"),
                arguments(CONSUMED, "/data/quantity", "\"12\"", "/data/quantity", "must be a number"),
                arguments(CONSUMED, "/data/item", "42", "/data/item", "must be a string"),
                arguments(CONSUMED, "/data/lot", "null", "/data/lot", "must be a string"),
                arguments(COMPLETED, "/data/backflush", "\"yes\"", "/data/backflush", "must be true or false"),
                // quantities > 0, counted quantity >= 0, prices and minutes >= 0
                arguments(CONSUMED, "/data/quantity", "0", "/data/quantity", "must be greater than 0"),
                arguments(CONSUMED, "/data/quantity", "-2.5", "/data/quantity", "must be greater than 0"),
                arguments(CONFIRMED, "/data/yieldQuantity", "0", "/data/yieldQuantity", "must be greater than 0"),
                arguments(CONFIRMED, "/data/laborMinutes", "-1", "/data/laborMinutes", "must not be negative"),
                arguments(SHIPMENT, "/data/lines/1/quantity", "0.0", "/data/lines/1/quantity", "must be greater than 0"),
                arguments(COUNT, "/data/countedQuantity", "-0.000001", "/data/countedQuantity", "must not be negative"),
                arguments(INVOICE, "/data/lines/1/unitPrice", "-0.01", "/data/lines/1/unitPrice", "must not be negative"),
                arguments(CONSUMED, "/data/quantity", "1000000000000", "/data/quantity", "must be less than 1000000000000"),
                // decimals, exact
                arguments(CONSUMED, "/data/quantity", "1.1234567", "/data/quantity", "must have at most 6 decimals"),
                arguments(CONSUMED, "/data/quantity", "0.0000001", "/data/quantity", "must have at most 6 decimals"),
                arguments(COUNT, "/data/countedQuantity", "3.0000001", "/data/countedQuantity", "must have at most 6 decimals"),
                arguments(CONFIRMED, "/data/machineMinutes", "1.1234567", "/data/machineMinutes", "must have at most 6 decimals"),
                arguments(INVOICE, "/data/lines/0/unitPrice", "2.12345", "/data/lines/0/unitPrice", "must have at most 4 decimals"),
                arguments(INVOICE, "/data/lines/1/quantity", "1e-7", "/data/lines/1/quantity", "must have at most 6 decimals"),
                // line numbers
                arguments(RECEIVED, "/data/poLine", "0", "/data/poLine", "must be greater than 0"),
                arguments(RECEIVED, "/data/poLine", "10.5", "/data/poLine", "must be an integer"),
                arguments(RECEIVED, "/data/poLine", "\"10\"", "/data/poLine", "must be an integer"),
                arguments(INVOICE, "/data/lines/0/poLine", "-10", "/data/lines/0/poLine", "must be greater than 0"),
                arguments(SHIPMENT, "/data/lines/1/soLine", "2147483648", "/data/lines/1/soLine", "must be at most 2147483647"),
                // codes
                arguments(CONSUMED, "/data/item", "\"\"", "/data/item", CODE),
                arguments(CONSUMED, "/data/item", "\"" + "X".repeat(65) + "\"", "/data/item", CODE),
                arguments(CONSUMED, "/data/lot", "\"L ST 1\"", "/data/lot", CODE),
                arguments(CONSUMED, "/data/location", "\"P100-LINE\\n\"", "/data/location", CODE),
                arguments(CONSUMED, "/data/orderId", "\"MO-Ä\"", "/data/orderId", CODE),
                arguments(CONFIRMED, "/data/workCenter", "\"WC:PRESS\"", "/data/workCenter", CODE),
                arguments(REJECTED, "/data/reasonCode", "\"bad reason\"", "/data/reasonCode", CODE),
                arguments(RECEIVED, "/data/purchaseOrder", "\"PO#1\"", "/data/purchaseOrder", CODE),
                arguments(RECEIVED, "/data/receiptId", "\"\"", "/data/receiptId", CODE),
                arguments(INVOICE, "/data/invoiceId", "\"INV 1\"", "/data/invoiceId", CODE),
                arguments(INVOICE, "/data/supplier", "\"S,ACME\"", "/data/supplier", CODE),
                arguments(INVOICE, "/data/lines/1/purchaseOrder", "\"\"", "/data/lines/1/purchaseOrder", CODE),
                arguments(SHIPMENT, "/data/shipmentId", "\"SH 1\"", "/data/shipmentId", CODE),
                arguments(SHIPMENT, "/data/salesOrder", "\"SO?\"", "/data/salesOrder", CODE),
                arguments(SHIPMENT, "/data/customer", "\"\"", "/data/customer", CODE),
                arguments(SHIPMENT, "/data/lines/1/lot", "\"L*\"", "/data/lines/1/lot", CODE),
                arguments(TRANSFER, "/data/transferId", "\"T R\"", "/data/transferId", CODE),
                arguments(TRANSFER, "/data/toLocation", "\"\"", "/data/toLocation", CODE),
                arguments(TRANSFER, "/data/toPlant", "\"P 200\"", "/data/toPlant", CODE),
                arguments(COUNT, "/data/countId", "\"#1\"", "/data/countId", CODE),
                // other strings, enums, lines, currency
                arguments(CONSUMED, "/data/uom", "\"\"", "/data/uom", "must not be empty"),
                arguments(CONSUMED, "/data/uom", "\"" + "k".repeat(257) + "\"", "/data/uom", "must be at most 256 characters"),
                arguments(CONFIRMED, "/data/operation", "\"" + "0".repeat(257) + "\"", "/data/operation", "must be at most 256 characters"),
                arguments(REJECTED, "/data/disposition", "\"DESTROY\"", "/data/disposition", "must be one of SCRAP, RETURN_TO_VENDOR"),
                arguments(INVOICE, "/data/lines", "[]", "/data/lines", "must not be empty"),
                arguments(SHIPMENT, "/data/lines", "{}", "/data/lines", "must be an array"),
                arguments(SHIPMENT, "/data/lines/0", "\"line\"", "/data/lines/0", "must be a JSON object"),
                arguments(INVOICE, "/data/currency", "\"eur\"", "/data/currency", "must be an ISO 4217 currency code of 3 uppercase letters, e.g. EUR"),
                arguments(INVOICE, "/data/currency", "\"EURO\"", "/data/currency", "must be an ISO 4217 currency code of 3 uppercase letters, e.g. EUR"));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("violations")
    void rejectsTheViolationWithItsPointerAndMessage(String type, String pointer, String value,
                                                      String expectedPointer, String expectedMessage) {
        ObjectNode event = Examples.with(Examples.of(type), pointer, value);
        assertThat(catalog.validate(event)).containsExactly(FieldError.at(expectedPointer, expectedMessage));
    }

    static Stream<Arguments> acceptable() {
        return Stream.of(
                arguments(CONSUMED, "/data/quantity", "1.123456"),
                arguments(CONSUMED, "/data/quantity", "2.5000000000"),
                arguments(CONSUMED, "/data/quantity", "1e3"),
                arguments(CONSUMED, "/data/quantity", "999999999999.999999"),
                arguments(COUNT, "/data/countedQuantity", "0"),
                arguments(CONFIRMED, "/data/laborMinutes", "0"),
                arguments(INVOICE, "/data/lines/0/unitPrice", "0"),
                arguments(INVOICE, "/data/lines/0/unitPrice", "2.1234"),
                arguments(RECEIVED, "/data/poLine", "1"),
                arguments(RECEIVED, "/data/poLine", "10.0"),
                arguments(CONSUMED, "/data/item", "\"" + "X".repeat(64) + "\""),
                arguments(CONSUMED, "/data/lot", "\"a-Z_0.9/x\""),
                arguments(CONSUMED, "/data/uom", "\"" + "k".repeat(256) + "\""),
                arguments(REJECTED, "/data/disposition", "\"SCRAP\""));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("acceptable")
    void acceptsValuesAtTheEdgeOfTheRules(String type, String pointer, String value) {
        assertThat(catalog.validate(Examples.with(Examples.of(type), pointer, value))).isEmpty();
    }

    @Test
    void everyRequiredDataFieldOfEveryTypeIsRequired() {
        List<String> checked = new ArrayList<>();
        for (ObjectNode example : Examples.valid()) {
            String type = example.get("type").asString();
            for (JsonNode field : schemaOf(type).get("required")) {
                String pointer = "/data/" + field.asString();
                ObjectNode event = Examples.without(Examples.of(type), pointer);
                assertThat(catalog.validate(event)).as(type + " without " + pointer)
                        .containsExactly(FieldError.at(pointer, "is required"));
                checked.add(type + pointer);
            }
        }
        assertThat(checked).hasSizeGreaterThan(70);
    }

    @Test
    void everyRequiredFieldOfALineIsRequired() {
        for (String field : List.of("purchaseOrder", "poLine", "quantity", "unitPrice")) {
            ObjectNode event = Examples.without(Examples.of(INVOICE), "/data/lines/1/" + field);
            assertThat(catalog.validate(event)).containsExactly(FieldError.at("/data/lines/1/" + field, "is required"));
        }
        for (String field : List.of("soLine", "item", "lot", "location", "quantity", "uom")) {
            ObjectNode event = Examples.without(Examples.of(SHIPMENT), "/data/lines/0/" + field);
            assertThat(catalog.validate(event)).containsExactly(FieldError.at("/data/lines/0/" + field, "is required"));
        }
    }

    @Test
    void optionalFieldsMayBeLeftOutAndDocumentTheirDefaults() {
        assertThat(catalog.validate(Examples.without(Examples.of(COMPLETED), "/data/backflush"))).isEmpty();
        assertThat(catalog.validate(Examples.without(Examples.of(TRANSFER), "/data/toPlant"))).isEmpty();
        JsonNode completed = schemaOf(COMPLETED).at("/properties/backflush");
        assertThat(completed.get("default").isBoolean()).isTrue();
        assertThat(completed.get("default").asBoolean()).isFalse();
        assertThat(schemaOf(TRANSFER).at("/properties/toPlant/description").asString()).contains("default the event's plant");
    }

    @Test
    void reportsEveryViolationInsideTheLinesWithTheirIndex() {
        ObjectNode event = Examples.of(INVOICE);
        Examples.with(event, "/data/lines/0/unitPrice", "1.00001");
        Examples.with(event, "/data/lines/1/quantity", "0");
        Examples.without(event, "/data/lines/1/poLine");
        assertThat(catalog.validate(event)).containsExactlyInAnyOrder(
                FieldError.at("/data/lines/0/unitPrice", "must have at most 4 decimals"),
                FieldError.at("/data/lines/1/quantity", "must be greater than 0"),
                FieldError.at("/data/lines/1/poLine", "is required"));
    }

    @Test
    void escapesFieldNamesInPointers() {
        ObjectNode event = Examples.with(Examples.of(CONSUMED), "/data/a~1b~0c", "1");
        assertThat(catalog.validate(event)).containsExactly(FieldError.at("/data/a~1b~0c", "unknown field 'a/b~c'"));
    }

    @Test
    void judgesHugeExponentsExactlyAndAtOnce() {
        ObjectNode event = Examples.of(INVOICE);
        Examples.with(event, "/data/lines/0/quantity", "1e999999999");
        Examples.with(event, "/data/lines/0/unitPrice", "1e-999999999");
        Examples.with(event, "/data/lines/0/poLine", "1e999999999");
        Examples.with(event, "/data/lines/1/quantity", "-1e999999999");
        assertThat(catalog.validate(event)).containsExactlyInAnyOrder(
                FieldError.at("/data/lines/0/quantity", "must be less than 1000000000000"),
                FieldError.at("/data/lines/0/unitPrice", "must have at most 4 decimals"),
                FieldError.at("/data/lines/0/poLine", "must be at most 2147483647"),
                FieldError.at("/data/lines/1/quantity", "must be greater than 0"));
    }

    private JsonNode schemaOf(String type) {
        return catalog.types().stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow()
                .versions().get(0).schema();
    }
}
