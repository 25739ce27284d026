package io.millrace.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Example events of the test resources, read as the hub reads events, and ways to spoil them. */
final class Examples {

    static final EventCatalog CATALOG = EventCatalog.loadDefault();

    private Examples() {
    }

    static List<ObjectNode> load(String resource) {
        try (InputStream in = Examples.class.getResourceAsStream("/catalog/" + resource)) {
            List<ObjectNode> events = new ArrayList<>();
            for (JsonNode event : EventJson.mapper().readTree(in)) {
                events.add((ObjectNode) event);
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> valid() {
        return load("valid-events.json");
    }

    static List<ObjectNode> workedExample() {
        return load("worked-example-p100.json");
    }

    /** A fresh copy of the valid example of {@code type}. */
    static ObjectNode of(String type) {
        return valid().stream().filter(e -> e.get("type").asString().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example of " + type));
    }

    static JsonNode json(String text) {
        return EventJson.mapper().readTree(text);
    }

    /** Sets the member at {@code pointer} (its parent must exist) to {@code value}, parsed as JSON. */
    static ObjectNode with(ObjectNode event, String pointer, String value) {
        JsonNode parent = event.at(parentOf(pointer));
        String name = nameOf(pointer);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), json(value));
        } else {
            ((ObjectNode) parent).set(name, json(value));
        }
        return event;
    }

    static ObjectNode without(ObjectNode event, String pointer) {
        ((ObjectNode) event.at(parentOf(pointer))).remove(nameOf(pointer));
        return event;
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String nameOf(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
