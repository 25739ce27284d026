package io.millrace.intake;

import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.TypeStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The deprecated types among accepted events. Each such event's receipt carries a warning, and
 * the response says so to HTTP clients as RFC 9745 does: {@code Deprecation: @<epoch seconds>}
 * (the earliest deprecation date) and a {@code Link} with {@code rel="deprecation"} to each
 * deprecated type's catalog entry.
 */
final class Deprecations {

    private final Map<String, TypeStatus.Deprecated> byType;

    private Deprecations(Map<String, TypeStatus.Deprecated> byType) {
        this.byType = byType;
    }

    static Deprecations of(EventCatalog catalog, List<JsonNode> acceptedEvents) {
        Map<String, TypeStatus.Deprecated> byType = new LinkedHashMap<>();
        for (JsonNode event : acceptedEvents) {
            String type = event.path("type").asString("");
            if (catalog.knowsType(type) && catalog.governance(type).status() instanceof TypeStatus.Deprecated d) {
                byType.putIfAbsent(type, d);
            }
        }
        return new Deprecations(byType);
    }

    List<String> warningsFor(JsonNode event) {
        String type = event.path("type").asString("");
        TypeStatus.Deprecated deprecated = byType.get(type);
        if (deprecated == null) {
            return List.of();
        }
        return List.of("event type " + type + " is deprecated since " + deprecated.since() + ": " + deprecated.note());
    }

    ResponseEntity.BodyBuilder flag(ResponseEntity.BodyBuilder response) {
        if (byType.isEmpty()) {
            return response;
        }
        LocalDate earliest = byType.values().stream().map(TypeStatus.Deprecated::since).min(LocalDate::compareTo)
                .orElseThrow();
        response.header("Deprecation", "@" + earliest.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        byType.keySet().forEach(type -> response.header("Link",
                "</api/v1/catalog/" + type + ">; rel=\"deprecation\"; type=\"application/json\""));
        return response;
    }
}
