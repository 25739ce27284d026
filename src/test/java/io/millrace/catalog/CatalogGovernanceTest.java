package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CatalogGovernanceTest {

    private static final String CONSUMED = "mfg.production.material.consumed";
    private static final String SCRAP = "mfg.production.scrap.declared";
    private static final Random RANDOM = new Random(20261202L);

    @TempDir
    Path directory;

    @Test
    void everyShippedTypeHasAnOwnerAStatusAndItsAccountingEffect() {
        assertThat(Examples.CATALOG.types()).hasSize(16).allSatisfy(type -> {
            assertThat(type.owner()).isNotBlank();
            assertThat(type.status()).isEqualTo("active");
            assertThat(type.accountingEffect()).isNotBlank();
        });
        assertThat(Examples.CATALOG.governance(CONSUMED).accountingEffect()).contains("Dr 1450 Work in process");
    }

    @Test
    void consumptionHasASecondVersionWithAnOperationBesideTheFirst() {
        EventTypeDescriptor consumed = Examples.CATALOG.types().stream().filter(t -> t.type().equals(CONSUMED))
                .findFirst().orElseThrow();
        assertThat(consumed.versions()).extracting(EventTypeDescriptor.Version::dataschema)
                .containsExactly("urn:millrace:schema:" + CONSUMED + ":1", "urn:millrace:schema:" + CONSUMED + ":2");
        assertThat(consumed.versions().get(1).schema().at("/properties/operation").isMissingNode()).isFalse();

        ObjectNode v2 = consumption();
        v2.put("dataschema", "urn:millrace:schema:" + CONSUMED + ":2");
        ((ObjectNode) v2.get("data")).put("operation", "0020");
        assertThat(Examples.CATALOG.validate(v2)).isEmpty();
        assertThat(Examples.CATALOG.latestData(v2).get("operation").asString()).isEqualTo("0020");
    }

    @RepeatedTest(20)
    void everyValidV1ConsumptionUpcastsToValidV2Data() {
        ObjectNode v1 = consumption();
        ObjectNode data = (ObjectNode) v1.get("data");
        data.put("quantity", BigDecimal.valueOf(1 + RANDOM.nextInt(1_000_000_000), RANDOM.nextInt(7)));
        data.put("lot", "L-" + RANDOM.nextInt(10_000));
        data.put("uom", RANDOM.nextBoolean() ? "kg" : "ea");
        assertThat(Examples.CATALOG.validate(v1)).isEmpty();

        ObjectNode asV2 = v1.deepCopy();
        asV2.put("dataschema", "urn:millrace:schema:" + CONSUMED + ":2");
        asV2.set("data", Examples.CATALOG.latestData(v1));

        assertThat(Examples.CATALOG.validate(asV2)).isEmpty();
        assertThat(asV2.get("data")).isEqualTo(data);
    }

    @Test
    void anUpcastFillsWhatANewerVersionRequiresWithItsDefault() {
        EventCatalog catalog = EventCatalog.load(withScrapV2Requiring(CatalogCopy.of(directory), true).directory());
        ObjectNode v1 = scrap();

        JsonNode upcast = catalog.latestData(v1);

        assertThat(upcast.get("shift").asString()).isEqualTo("1");
        assertThat(v1.get("data").has("shift")).as("the event itself is left alone").isFalse();
        ObjectNode v2 = scrap();
        v2.put("dataschema", "urn:millrace:schema:" + SCRAP + ":2");
        ((ObjectNode) v2.get("data")).put("shift", "3");
        assertThat(catalog.validate(v2)).isEmpty();
        assertThat(catalog.latestData(v2).get("shift").asString()).isEqualTo("3");
        assertThat(catalog.businessKey(v1)).isEqualTo(catalog.businessKey(v2)).isEqualTo("order:MO-1");
    }

    @Test
    void aCatalogWithAnIncompatibleNewVersionDoesNotLoad() {
        CatalogCopy copy = withScrapV2Requiring(CatalogCopy.of(directory), false);

        assertThatThrownBy(() -> EventCatalog.load(copy.directory()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The event catalog does not load: " + SCRAP + " v2 is not a compatible evolution of v1: "
                        + "/data/shift: v2 requires this property, which v1 events may lack, and gives no default to "
                        + "upcast them with");
    }

    @Test
    void aTypeWithoutOwnerOrWithAnUnknownStatusDoesNotLoad() {
        CatalogCopy copy = CatalogCopy.of(directory).type(SCRAP, t -> t.remove("owner"));
        assertThatThrownBy(() -> EventCatalog.load(copy.directory()))
                .hasMessage("Event type " + SCRAP + " in " + directory + "/catalog.json: owner is required");

        copy.type(SCRAP, t -> t.put("owner", "MES").put("status", "retired"));
        assertThatThrownBy(() -> EventCatalog.load(copy.directory()))
                .hasMessage("Event type " + SCRAP + " in " + directory
                        + "/catalog.json: status must be draft, active or deprecated, not 'retired'");

        copy.type(SCRAP, t -> t.put("status", "deprecated").put("deprecatedSince", "2026-12-01"));
        assertThatThrownBy(() -> EventCatalog.load(copy.directory()))
                .hasMessage("Event type " + SCRAP + " in " + directory + "/catalog.json: deprecation is required");
    }

    @Test
    void publishesTheStatusOfDraftAndDeprecatedTypes() {
        EventCatalog catalog = EventCatalog.load(CatalogCopy.of(directory)
                .type(SCRAP, t -> t.put("status", "deprecated").put("deprecatedSince", "2026-12-01")
                        .put("deprecation", "declare scrap with mfg.quality.lot.rejected"))
                .type(CONSUMED, t -> t.put("status", "draft")).directory());

        assertThat(catalog.governance(SCRAP).status()).isEqualTo(new TypeStatus.Deprecated(
                java.time.LocalDate.parse("2026-12-01"), "declare scrap with mfg.quality.lot.rejected"));
        assertThat(catalog.types()).filteredOn(t -> t.type().equals(SCRAP)).singleElement()
                .satisfies(t -> assertThat(t.deprecation().note()).startsWith("declare scrap"));
        assertThat(catalog.governance(CONSUMED).status()).isInstanceOf(TypeStatus.Draft.class);
    }

    /** Scrap v2 requires a shift, with or without the default "1" that an upcast of v1 needs. */
    private static CatalogCopy withScrapV2Requiring(CatalogCopy copy, boolean withDefault) {
        ObjectNode v2 = copy.schemaOf(SCRAP, 1);
        v2.put("$id", "urn:millrace:schema:" + SCRAP + ":2");
        ObjectNode shift = v2.withObject("/properties").putObject("shift");
        shift.put("$ref", "#/$defs/code");
        if (withDefault) {
            shift.put("default", "1");
        }
        v2.withArray("/required").add("shift");
        return copy.schema(SCRAP, 2, v2).type(SCRAP, t -> t.putArray("majors").add(1).add(2));
    }

    private static ObjectNode consumption() {
        return (ObjectNode) EventJson.mapper().readTree("""
                {"specversion": "1.0", "id": "c-1", "source": "urn:millrace:plant:P100:mes", "type": "%s",
                 "time": "2026-11-26T08:15:00Z", "plant": "P100",
                 "data": {"orderId": "MO-1", "item": "RM-STEEL", "lot": "L-1", "quantity": 5, "uom": "kg",
                          "location": "P100-LINE"}}""".formatted(CONSUMED));
    }

    private static ObjectNode scrap() {
        return (ObjectNode) EventJson.mapper().readTree("""
                {"specversion": "1.0", "id": "s-1", "source": "urn:millrace:plant:P100:mes", "type": "%s",
                 "time": "2026-11-26T08:15:00Z", "plant": "P100",
                 "data": {"orderId": "MO-1", "quantity": 2, "uom": "ea", "reasonCode": "DENT"}}""".formatted(SCRAP));
    }
}
