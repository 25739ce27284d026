package io.millrace.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One event type of the catalog as published by {@code GET /api/v1/catalog}: who owns it, its
 * status ({@code draft}, {@code active}, {@code deprecated}, with the deprecation's date and note),
 * what it does to the books, its major versions with their data schemas, and how its business key
 * is formed (e.g. {@code order:<orderId>}).
 */
public record EventTypeDescriptor(String type, String owner, String status,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Deprecation deprecation,
                                  String accountingEffect, List<Version> versions, String businessKey) {

    public EventTypeDescriptor {
        versions = List.copyOf(versions);
    }

    /** One major version: the {@code dataschema} URN that selects it and its JSON Schema. */
    public record Version(int major, String dataschema, JsonNode schema) {
    }

    /** Since when a deprecated type is deprecated and what to use instead. */
    public record Deprecation(LocalDate since, String note) {
    }
}
