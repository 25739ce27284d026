package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI document of the catalog is valid against the official AsyncAPI 3.0.0 JSON Schema
 * (vendored from the npm package {@code @asyncapi/specs} 6.11.1, Apache-2.0, under
 * {@code src/test/resources/asyncapi/}) and describes every message of every channel.
 */
class AsyncApiDocumentTest {

    static final Schema ASYNCAPI_3_0_0 = officialSchema();

    private static final AsyncApiDocument.Endpoints ENDPOINTS = new AsyncApiDocument.Endpoints("hub.plant.example:8080",
            "http", "kafka-1.plant.example:9092", "millrace.inbound", "mqtt.plant.example:1883");

    static Schema officialSchema() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Error> violations(JsonNode document) {
        return ASYNCAPI_3_0_0.validate(EventJson.mapper().writeValueAsString(document), InputFormat.JSON);
    }

    @Test
    void theDocumentIsValidAsyncApi300() {
        ObjectNode document = AsyncApiDocument.of(Examples.CATALOG, ENDPOINTS);

        assertThat(violations(document)).isEmpty();
        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
    }

    @Test
    void theOfficialSchemaRefusesADocumentThatBreaksIt() {
        ObjectNode document = AsyncApiDocument.of(Examples.CATALOG, ENDPOINTS);
        document.withObject("/servers/http").remove("protocol");
        document.withObject("/operations/receiveHttpEvents").put("action", "publish");

        assertThat(violations(document)).isNotEmpty();
    }

    @Test
    void everyChannelCarriesEveryVersionOfEveryTypeWithItsSchema() {
        ObjectNode document = AsyncApiDocument.of(Examples.CATALOG, ENDPOINTS);
        List<String> expected = new ArrayList<>();
        Examples.CATALOG.types().forEach(t -> t.versions().forEach(v -> expected.add(t.type() + ".v" + v.major())));

        assertThat(expected).hasSize(17).contains("mfg.production.material.consumed.v2");
        assertThat(document.get("servers").propertyNames()).containsExactlyInAnyOrder("http", "kafka", "mqtt");
        assertThat(document.at("/servers/kafka/protocol").asString()).isEqualTo("kafka");
        assertThat(document.at("/servers/mqtt/protocol").asString()).isEqualTo("mqtt");
        assertThat(document.get("channels").propertyNames()).containsExactlyInAnyOrder("httpEvents", "kafkaInbound", "mqttEvents");
        assertThat(document.at("/channels/kafkaInbound/address").asString()).isEqualTo("millrace.inbound");
        for (JsonNode channel : document.get("channels")) {
            assertThat(channel.get("messages").propertyNames()).containsExactlyInAnyOrderElementsOf(expected);
        }
        JsonNode v2 = document.at("/components/messages/mfg.production.material.consumed.v2/payload");
        assertThat(v2.at("/properties/dataschema/const").asString())
                .isEqualTo("urn:millrace:schema:mfg.production.material.consumed:2");
        assertThat(v2.at("/properties/data/properties/operation/type").asString()).isEqualTo("string");
        assertThat(v2.at("/properties/data/properties/quantity/multipleOf").decimalValue())
                .isEqualByComparingTo("0.000001");
        assertThat(v2.toString()).doesNotContain("$ref").doesNotContain("$defs");
        assertThat(document.at("/components/messages/mfg.production.material.consumed.v1/summary").asString())
                .startsWith("Dr 1450 Work in process");
    }

    @Test
    void everyExampleEventIsValidAgainstItsMessagePayload() {
        ObjectNode document = AsyncApiDocument.of(Examples.CATALOG, ENDPOINTS);
        SchemaRegistry draft7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        for (ObjectNode event : Examples.load("valid-events.json")) {
            JsonNode payload = document.at("/components/messages/" + event.get("type").asString() + ".v1/payload");
            Schema schema = draft7.getSchema(payload.toString(), InputFormat.JSON);
            assertThat(schema.validate(event.toString(), InputFormat.JSON)).as(event.toString()).isEmpty();
        }
    }
}
