package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.catalog.EventCatalog;
import io.millrace.testing.HubHttp;
import io.millrace.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFiltersAndReaderTest {

    private static final EventCatalog SHIPPED = EventCatalog.loadDefault();
    private final BindingReader reader = new BindingReader(() -> SHIPPED);

    @Test
    void aCompleteBindingIsReadWithItsCsvLayout() {
        List<FieldError> errors = new ArrayList<>();
        BindingReader.Read read = reader.read(HubHttp.JSON.readTree("{\"channel\":\"file\",\"topic\":\"wms\","
                + "\"format\":\"csv\",\"csv\":{\"delimiter\":\";\",\"header\":false},\"source\":\"urn:x\","
                + "\"plants\":[\"P1\"],\"eventTypes\":[\"mfg.production.material.consumed\"],\"mapping\":\"message\"}"),
                errors);

        assertThat(errors).isEmpty();
        assertThat(read.definition().csv()).isEqualTo(new BindingDefinition.CsvLayout(';', false));
        assertThat(read.definition().defaultPlant()).isEqualTo("P1");
    }

    @Test
    void everyErrorOfABindingIsListedWithItsPointer() {
        List<FieldError> errors = new ArrayList<>();
        reader.read(HubHttp.JSON.readTree("{\"channel\":\"http\",\"topic\":\"x\",\"format\":\"json\",\"csv\":{},"
                + "\"source\":\"\",\"plants\":[\"P1\",\"P1\"],\"eventTypes\":\"*\",\"mapping\":\"$$$(\",\"extra\":1}"),
                errors);

        assertThat(errors).extracting(FieldError::pointer).containsExactlyInAnyOrder("/extra", "/topic", "/csv",
                "/source", "/plants/1", "/eventTypes", "/mapping");
    }

    @Test
    void mqttTopicFiltersMatchLevelsAndTheRest() {
        assertThat(io.millrace.connectivity.mqtt.TopicFiltersProbe.matches("plants/+/line/#", "plants/P1/line/a/b"))
                .isTrue();
        assertThat(io.millrace.connectivity.mqtt.TopicFiltersProbe.matches("plants/+/line/#", "plants/P1/line"))
                .isTrue();
        assertThat(io.millrace.connectivity.mqtt.TopicFiltersProbe.matches("plants/+/counts", "plants/P1/x/counts"))
                .isFalse();
        assertThat(io.millrace.connectivity.mqtt.TopicFiltersProbe.matches("a/b", "a/b/c")).isFalse();
    }
}
