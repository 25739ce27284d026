package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A catalog rebuilt from what a hub publishes validates and keys events exactly as the hub's own. */
class PublishedCatalogTest {

    private static JsonNode published() {
        return EventJson.mapper().valueToTree(Map.of("types", Examples.CATALOG.types()));
    }

    @Test
    void validatesAndKeysEveryExampleAsTheShippedCatalogDoes() {
        EventCatalog rebuilt = EventCatalog.fromPublished(EventJson.mapper().readTree(published().toString()));

        assertThat(rebuilt.types()).hasSameSizeAs(Examples.CATALOG.types());
        for (ObjectNode event : Examples.valid()) {
            assertThat(rebuilt.validate(event)).as(event.toString()).isEmpty();
            assertThat(rebuilt.businessKey(event)).isEqualTo(Examples.CATALOG.businessKey(event));
        }
        ObjectNode spoilt = Examples.with(Examples.of("mfg.procurement.goods.received"), "/data/quantity", "\"many\"");
        assertThat(rebuilt.validate(spoilt)).isEqualTo(Examples.CATALOG.validate(spoilt));
    }

    @Test
    void refusesADocumentThatIsNotACatalog() {
        assertThatThrownBy(() -> EventCatalog.fromPublished(EventJson.mapper().readTree("{\"types\":[]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("types");
        ObjectNode badKey = (ObjectNode) published().deepCopy();
        ((ObjectNode) badKey.get("types").get(0)).put("businessKey", "order");
        assertThatThrownBy(() -> EventCatalog.fromPublished(badKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("business-key rule");
    }
}
