package io.millrace.catalog;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings {@code data} of an older major version into the shape of a newer one: a property the
 * newer schema adds is filled with its {@code default} when the event lacks it, at any depth.
 * {@link SchemaCompatibility} guarantees that this is all an upcast needs, so the result is valid
 * under the newer schema. The input is never changed.
 */
final class Upcaster {

    private Upcaster() {
    }

    static JsonNode upcast(JsonNode data, JsonNode schemaRoot) {
        JsonNode copy = data.deepCopy();
        fill(copy, schemaRoot, schemaRoot);
        return copy;
    }

    private static void fill(JsonNode value, JsonNode schema, JsonNode root) {
        JsonNode resolved = resolve(schema, root);
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                JsonNode present = object.get(property.getKey());
                if (present == null) {
                    JsonNode fallback = defaultOf(property.getValue(), root);
                    if (fallback != null) {
                        object.set(property.getKey(), fallback.deepCopy());
                    }
                } else {
                    fill(present, property.getValue(), root);
                }
            }
        } else if (value instanceof ArrayNode array && resolved.has("items")) {
            for (JsonNode item : array) {
                fill(item, resolved.get("items"), root);
            }
        }
    }

    private static JsonNode defaultOf(JsonNode declared, JsonNode root) {
        return declared.has("default") ? declared.get("default") : resolve(declared, root).get("default");
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 16; hops++) {
            current = root.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }
}
