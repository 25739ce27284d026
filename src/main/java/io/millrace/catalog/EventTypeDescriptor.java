package io.millrace.catalog;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One event type of the catalog as published by {@code GET /api/v1/catalog}: its major versions
 * with their data schemas, and how its business key is formed (e.g. {@code order:<orderId>}).
 */
public record EventTypeDescriptor(String type, List<Version> versions, String businessKey) {

    public EventTypeDescriptor {
        versions = List.copyOf(versions);
    }

    /** One major version: the {@code dataschema} URN that selects it and its JSON Schema. */
    public record Version(int major, String dataschema, JsonNode schema) {
    }
}
