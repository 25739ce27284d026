package io.millrace.connectivity;

import io.millrace.catalog.EventJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A binding definition as JSON, the way it is given to {@code PUT /api/v1/bindings/{name}} and stored. */
final class BindingJson {

    private BindingJson() {
    }

    static ObjectNode write(BindingDefinition d) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("channel", d.channel().jsonName());
        if (d.topic() != null) {
            node.put("topic", d.topic());
        }
        node.put("format", d.format().jsonName());
        if (d.format() == BindingDefinition.Format.CSV) {
            ObjectNode csv = node.putObject("csv");
            csv.put("delimiter", String.valueOf(d.csv().delimiter()));
            csv.put("header", d.csv().header());
        }
        node.put("source", d.source());
        d.plants().forEach(node.putArray("plants")::add);
        d.eventTypes().forEach(node.putArray("eventTypes")::add);
        node.put("mapping", d.mapping());
        return node;
    }

    static BindingDefinition read(String stored) {
        JsonNode node = EventJson.mapper().readTree(stored);
        JsonNode csv = node.get("csv");
        return new BindingDefinition(
                BindingDefinition.Channel.valueOf(node.get("channel").stringValue().toUpperCase(java.util.Locale.ROOT)),
                node.has("topic") ? node.get("topic").stringValue() : null,
                BindingDefinition.Format.valueOf(node.get("format").stringValue().toUpperCase(java.util.Locale.ROOT)),
                csv == null ? null : new BindingDefinition.CsvLayout(csv.get("delimiter").stringValue().charAt(0),
                        csv.get("header").booleanValue()),
                node.get("source").stringValue(),
                node.get("plants").valueStream().map(JsonNode::stringValue).toList(),
                node.get("eventTypes").valueStream().map(JsonNode::stringValue).toList(),
                node.get("mapping").stringValue());
    }
}
