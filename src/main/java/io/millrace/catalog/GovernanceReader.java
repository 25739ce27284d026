package io.millrace.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Reads one type's owner, status and accounting effect from {@code catalog.json}, refusing what is missing. */
final class GovernanceReader {

    private GovernanceReader() {
    }

    static Governance read(String type, JsonNode entry, String where) {
        String owner = required(type, entry, "owner", where);
        String effect = required(type, entry, "accountingEffect", where);
        String status = required(type, entry, "status", where);
        TypeStatus parsed = switch (status) {
            case "draft" -> new TypeStatus.Draft();
            case "active" -> new TypeStatus.Active();
            case "deprecated" -> new TypeStatus.Deprecated(since(type, entry, where),
                    required(type, entry, "deprecation", where));
            default -> throw new IllegalStateException(prefix(type, where) + "status must be draft, active or "
                    + "deprecated, not '" + status + "'");
        };
        return new Governance(owner, parsed, effect);
    }

    private static LocalDate since(String type, JsonNode entry, String where) {
        String text = required(type, entry, "deprecatedSince", where);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException ex) {
            throw new IllegalStateException(prefix(type, where) + "deprecatedSince must be a date (YYYY-MM-DD), not '"
                    + text + "'");
        }
    }

    private static String required(String type, JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalStateException(prefix(type, where) + field + " is required");
        }
        return value.asString();
    }

    private static String prefix(String type, String where) {
        return "Event type " + type + " in " + where + "/catalog.json: ";
    }
}
