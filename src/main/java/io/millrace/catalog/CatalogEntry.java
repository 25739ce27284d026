package io.millrace.catalog;

import com.networknt.schema.Schema;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * One event type as loaded: its governance, its compiled schema per major version and its
 * business-key rule.
 */
record CatalogEntry(String type, Governance governance, SortedMap<Integer, DataSchema> majors,
                    BusinessKeyRule businessKey) {

    static final String DATASCHEMA_PREFIX = "urn:millrace:schema:";

    CatalogEntry {
        majors = new TreeMap<>(majors);
    }

    static String dataschema(String type, int major) {
        return DATASCHEMA_PREFIX + type + ":" + major;
    }

    int latestMajor() {
        return majors.lastKey();
    }

    /** {@code data} of major version {@code from} in the shape of the latest version, one version at a time. */
    JsonNode upcast(int from, JsonNode data) {
        JsonNode current = data;
        for (DataSchema newer : majors.tailMap(from + 1).values()) {
            current = Upcaster.upcast(current, newer.source());
        }
        return current;
    }

    EventTypeDescriptor describe() {
        List<EventTypeDescriptor.Version> versions = majors.values().stream()
                .map(s -> new EventTypeDescriptor.Version(s.major(), dataschema(type, s.major()), s.source()))
                .toList();
        EventTypeDescriptor.Deprecation deprecation = governance.status() instanceof TypeStatus.Deprecated d
                ? new EventTypeDescriptor.Deprecation(d.since(), d.note()) : null;
        return new EventTypeDescriptor(type, governance.owner(), governance.status().label(), deprecation,
                governance.accountingEffect(), versions, businessKey.describe());
    }

    /** A data schema: as published ({@code source}) and compiled for validation. */
    record DataSchema(int major, JsonNode source, Schema compiled) {
    }

    /** The business key is {@code <prefix>:<text at pointer in data>}, e.g. {@code order:MO-1}. */
    record BusinessKeyRule(String prefix, String pointer) {

        String keyOf(JsonNode data) {
            JsonNode value = data.at(pointer);
            if (!value.isString() || value.asString().isEmpty()) {
                throw new IllegalArgumentException("The event has no business key at /data" + pointer
                        + "; validate it first");
            }
            return prefix + ":" + value.asString();
        }

        /** The rule {@link #describe()} published, e.g. {@code po:<lines[0].purchaseOrder>}. */
        static BusinessKeyRule parse(String described) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("([^:<>]+):<([A-Za-z0-9_]+(?:\\[\\d+]|\\.[A-Za-z0-9_]+)*)>").matcher(described);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + described + "' is not a business-key rule such as order:<orderId>");
            }
            return new BusinessKeyRule(m.group(1), "/" + m.group(2).replaceAll("\\[(\\d+)]", ".$1").replace('.', '/'));
        }

        /** E.g. {@code order:<orderId>} or {@code po:<lines[0].purchaseOrder>}. */
        String describe() {
            String path = pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
            return prefix + ":<" + path + ">";
        }
    }
}
