package io.millrace.connectivity;

import io.millrace.access.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/catalog/bindings}: the plant bindings beside the event types, for every role
 * including producers, so that a plant sees where and in which format it may send. The mappings
 * themselves are read through {@code /api/v1/bindings}.
 */
@RestController
class BindingCatalogController {

    record BindingEntry(String name, int version, String channel, String topic, String format, String source,
                        List<String> plants, List<String> eventTypes, String ingest) {
    }

    private final LiveBindings live;

    BindingCatalogController(LiveBindings live) {
        this.live = live;
    }

    @GetMapping("/api/v1/catalog/bindings")
    Map<String, List<BindingEntry>> bindings(Caller caller) {
        return Map.of("bindings", live.all().stream().map(b -> {
            BindingDefinition d = b.definition();
            return new BindingEntry(b.name(), b.version(), d.channel().jsonName(), d.topic(), d.format().jsonName(),
                    d.source(), d.plants(), d.eventTypes(),
                    d.channel() == BindingDefinition.Channel.HTTP ? "/api/v1/ingest/" + b.name() : null);
        }).toList());
    }
}
