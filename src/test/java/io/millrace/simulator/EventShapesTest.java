package io.millrace.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventShapesTest {

    @Test
    void everyGeneratedEventHasTheFieldsAndFormsOfEventsMd() {
        List<ObjectNode> events = PlantTraffic.generate(PlantTrafficTest.MASTER, List.of("P100", "P200"), 42, 6000);

        assertThat(events).allSatisfy(e -> assertThat(EventShapes.violations(e)).as("%s", e).isEmpty());
    }

    @Test
    void countedUnitsAreWholeAndMeasuredUnitsKeepAtMostThreeDecimals() {
        List<ObjectNode> events = PlantTraffic.generate(PlantTrafficTest.MASTER, List.of("P200"), 8, 4000);

        assertThat(events).filteredOn(e -> e.get("data").has("uom")).allSatisfy(e -> {
            var d = e.get("data");
            var q = d.has("quantity") ? d.get("quantity") : d.get("countedQuantity");
            int decimals = Math.max(0, q.decimalValue().stripTrailingZeros().scale());
            assertThat(decimals).as("%s", d).isLessThanOrEqualTo(d.get("uom").asString().equals("ea") ? 0 : 3);
        });
    }

    @Test
    void serialisedEventsKeepExactPlainNumbers() {
        JsonMapper mapper = TrafficSender.MAPPER;
        List<ObjectNode> events = PlantTraffic.generate(PlantTrafficTest.MASTER, List.of("P200"), 4, 500);

        String json = mapper.writeValueAsString(events);

        assertThat(json).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
        var reread = mapper.readTree(json);
        for (int i = 0; i < events.size(); i++) {
            var original = events.get(i).get("data");
            var copy = reread.get(i).get("data");
            original.properties().forEach(p -> {
                if (p.getValue().isNumber()) {
                    assertThat(copy.get(p.getKey()).decimalValue()).isEqualByComparingTo(p.getValue().decimalValue());
                }
            });
        }
    }

    @Test
    void theValidatorItselfRejectsABrokenEvent() {
        ObjectNode event = PlantTraffic.generate(PlantTrafficTest.MASTER, List.of("P200"), 4, 1).get(0).deepCopy();
        ((ObjectNode) event.get("data")).put("lot", "bad lot!");
        ((ObjectNode) event.get("data")).put("qty", 1);
        event.remove("time");

        assertThat(EventShapes.violations(event)).isNotEmpty();
        event.put("time", "yesterday");
        assertThat(EventShapes.violations(event)).contains("time \"yesterday\"");
    }
}
