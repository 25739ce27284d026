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

    /**
     * A type's governance as another hub publishes it; a hub that publishes none (an older
     * version) leaves its types active with an unnamed owner.
     */
    static Governance published(String type, JsonNode entry) {
        String owner = entry.path("owner").asString("");
        String effect = entry.path("accountingEffect").asString("");
        TypeStatus status = switch (entry.path("status").asString("active")) {
            case "draft" -> new TypeStatus.Draft();
            case "deprecated" -> new TypeStatus.Deprecated(publishedSince(entry.path("deprecation").path("since")),
                    entry.path("deprecation").path("note").asString("deprecated by the hub"));
            default -> new TypeStatus.Active();
        };
        return new Governance(owner.isBlank() ? "not published by the hub" : owner, status,
                effect.isBlank() ? "not published by the hub" : effect);
    }

    private static LocalDate publishedSince(JsonNode since) {
        try {
            return LocalDate.parse(since.asString(""));
        } catch (DateTimeParseException ex) {
            return LocalDate.EPOCH;
        }
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
