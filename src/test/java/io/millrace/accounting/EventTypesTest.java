package io.millrace.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.event.EventTypes;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.OrderCompleted;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void mapsEveryV1TypeToARecordOfThatType() {
        assertThat(EventTypes.all()).hasSize(16);
        assertThat(ManufacturingEvent.class.getPermittedSubclasses()).hasSize(16);
        for (String type : EventTypes.all()) {
            Class<? extends ManufacturingEvent> recordClass = EventTypes.classOf(type).orElseThrow();
            assertThat(recordClass.isRecord()).isTrue();
            assertThat(type).startsWith("mfg.");
        }
        assertThat(EventTypes.classOf("mfg.production.order.exploded")).isEmpty();
    }

    @Test
    void recordComponentsAreTheJsonFieldNames() {
        assertThat(Arrays.stream(OrderCompleted.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("orderId", "item", "lot", "quantity", "uom", "location", "backflush");
        assertThat(new OrderCompleted("MO-1", "FG", "L", java.math.BigDecimal.ONE, "ea", "P", null).backflush())
                .isFalse();
        assertThat(new OrderCompleted("MO-1", "FG", "L", java.math.BigDecimal.ONE, "ea", "P", null).businessKey())
                .isEqualTo("order:MO-1");
    }
}
