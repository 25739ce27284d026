package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.masterdata.ItemUnits;
import io.millrace.web.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageMapperTest {

    private static final ItemUnits UNITS = item -> switch (item) {
        case "RM-STEEL" -> Optional.of(new ItemUnits.Units(item, "kg", Map.of("g", new BigDecimal("0.001"),
                "t", new BigDecimal("1000"))));
        case "FG-BRACKET" -> Optional.of(new ItemUnits.Units(item, "ea", Map.of()));
        default -> Optional.empty();
    };
    private final MessageMapper mapper = new MessageMapper(new QuantityConversion(UNITS));

    static String resource(String name) {
        try (InputStream in = MessageMapperTest.class.getResourceAsStream("/connectivity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Binding binding(BindingDefinition.Format format, BindingDefinition.CsvLayout csv, List<String> types,
                                   String mapping) {
        return new Binding("plant-x", 3, new BindingDefinition(BindingDefinition.Channel.FILE, "x", format, csv,
                "urn:millrace:plant:P100:x", List.of("P100"), types, mapping), Mapping.compile(mapping),
                Instant.EPOCH, "admin");
    }

    private MappedMessage map(Binding binding, String message) {
        return mapper.map(binding, binding.mapping(), new MessageMapper.Received("file", null, "f.txt",
                Instant.parse("2026-11-26T08:00:00Z"), message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shippedB2mmlMappingTurnsMaterialActualsIntoConsumptionAndCompletion() {
        Binding b2mml = binding(BindingDefinition.Format.XML, null, List.of("mfg.production.material.consumed",
                "mfg.production.order.completed"), resource("b2mml-production-performance.jsonata"));

        MappedMessage mapped = map(b2mml, resource("b2mml-production-performance.example.xml"));

        assertThat(mapped.errors()).isEmpty();
        assertThat(mapped.events()).extracting(e -> e.get("type").asString())
                .containsExactly("mfg.production.material.consumed", "mfg.production.order.completed");
        JsonNode consumed = mapped.events().get(0);
        assertThat(consumed.get("data").get("orderId").asString()).isEqualTo("MO-1");
        assertThat(consumed.get("data").get("quantity").decimalValue()).isEqualByComparingTo("30");
        assertThat(consumed.get("plant").asString()).isEqualTo("P100");
        assertThat(consumed.get("source").asString()).isEqualTo("urn:millrace:plant:P100:x");
        assertThat(consumed.get("id").asString()).startsWith("plant-x-").endsWith("-1");
        assertThat(mapped.events().get(1).get("id").asString()).endsWith("-2");
    }

    @Test
    void csvRowsAreMappedOneByOneWithIdsFromTheDigestAndTheRow() {
        Binding csv = binding(BindingDefinition.Format.CSV, new BindingDefinition.CsvLayout(';', true),
                List.of("mfg.production.material.consumed"), "{'type': 'mfg.production.material.consumed', "
                        + "'time': message.ts, 'data': {'orderId': message.auftrag, 'item': message.material, "
                        + "'lot': message.charge, 'quantity': $number(message.menge), 'uom': message.einheit, "
                        + "'location': 'P100-LINE'}}");
        String file = "auftrag;material;charge;menge;einheit;ts\nMO-1;RM-STEEL;L1;2500;g;2026-11-26T08:00:00Z\n"
                + "MO-1;RM-STEEL;L1;2;kg;2026-11-26T08:05:00Z\n";

        MappedMessage mapped = map(csv, file);
        MappedMessage again = map(csv, file);

        assertThat(mapped.errors()).isEmpty();
        assertThat(mapped.rows()).containsExactly(1, 2);
        assertThat(mapped.events().get(0).get("id").asString()).endsWith("-r1");
        assertThat(mapped.events()).isEqualTo(again.events());
        JsonNode first = mapped.events().get(0).get("data");
        assertThat(first.get("quantity").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(first.get("uom").asString()).isEqualTo("kg");
        assertThat(mapped.origins().get(0).conversions()).singleElement().satisfies(c -> {
            assertThat(c.quantity()).isEqualByComparingTo("2500");
            assertThat(c.uom()).isEqualTo("g");
            assertThat(c.pointer()).isEqualTo("/data/quantity");
        });
        assertThat(mapped.origins().get(1).conversions()).isEmpty();
    }

    @Test
    void aUnitWithoutConversionIsAnErrorAtItsPointerNamingTheRow() {
        Binding csv = binding(BindingDefinition.Format.CSV, null, List.of("*"), "{'type': "
                + "'mfg.production.material.consumed', 'time': '2026-11-26T08:00:00Z', 'data': {'orderId': 'MO-1', "
                + "'item': message.item, 'lot': 'L1', 'quantity': $number(message.qty), 'uom': message.uom, "
                + "'location': 'P100-LINE'}}");

        MappedMessage mapped = map(csv, "item,qty,uom\nRM-STEEL,1,kg\nRM-STEEL,3,lb\n");

        assertThat(mapped.errors()).singleElement().satisfies(e -> {
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.pointer()).isEqualTo("/data/uom");
            assertThat(e.message()).startsWith("row 2: ").contains("no conversion from 'lb'").contains("'kg'");
        });
    }

    @Test
    void anEventTypeOutsideTheBindingsScopeIsRefusedAtType() {
        Binding json = binding(BindingDefinition.Format.JSON, null, List.of("mfg.production.material.consumed"),
                "{'type': 'mfg.production.order.closed', 'time': message.t, 'data': {'orderId': 'MO-1'}}");

        MappedMessage mapped = map(json, "{\"t\": \"2026-11-26T08:00:00Z\"}");

        assertThat(mapped.errors()).extracting(FieldError::pointer).containsExactly("/type");
        assertThat(mapped.errors().get(0).message()).contains("outside the binding's scope");
    }

    @Test
    void aMappingThatFailsAtRunTimeIsNamedWithTheCause() {
        Binding json = binding(BindingDefinition.Format.JSON, null, List.of("*"), "$number(message.qty)");

        MappedMessage mapped = map(json, "{\"qty\": \"many\"}");

        assertThat(mapped.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("mapping failed"));
    }

    @Test
    void malformedInputIsUnreadableWithItsPosition() {
        Binding xml = binding(BindingDefinition.Format.XML, null, List.of("*"), "message");

        MappedMessage mapped = map(xml, "<a><b></a>");

        assertThat(mapped.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("not well-formed XML at line 1"));
    }

    @Test
    void anExpressionThatDoesNotCompileIsRefusedWithItsPosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Mapping.compile("{'type': message.a"))
                .isInstanceOf(Mapping.MappingFailure.class).hasMessageContaining("does not compile");
    }
}
