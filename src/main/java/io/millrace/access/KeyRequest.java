package io.millrace.access;

import io.millrace.catalog.EventCatalog;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A validated request for a new key ({@code POST /api/v1/sources}). Every error of the request is
 * collected, so that one 400 lists them all.
 */
record KeyRequest(String name, Role role, Scope scope, Integer ratePerSecond, Instant expiresAt) {

    private static final Set<String> MEMBERS = Set.of("name", "role", "sources", "plants", "eventTypes",
            "ratePerSecond", "expiresAt");
    private static final int MAX_NAME = 256;
    private static final int MAX_SCOPE_VALUE = 1024;
    private static final int MAX_RATE = 1_000_000;

    static KeyRequest parse(JsonNode body, EventCatalog catalog) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalid("The request must be a JSON object.",
                    List.of(FieldError.at("", "must be a JSON object")));
        }
        for (String member : body.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                errors.add(FieldError.at("/" + member, "unknown member; expected one of " + MEMBERS));
            }
        }
        String name = text(body, "name", errors);
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldError.at("/name", "must not contain control characters"));
        }
        if (name == null && !body.has("name")) {
            errors.add(FieldError.at("/name", "is required"));
        } else if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            errors.add(FieldError.at("/name", "must be 1-" + MAX_NAME + " characters, not blank"));
        }
        Role role = role(body, errors);
        boolean producer = role == Role.PRODUCER;
        Set<String> sources = values(body, "sources", producer, errors, null);
        Set<String> plants = values(body, "plants", producer, errors, null);
        Set<String> types = values(body, "eventTypes", producer, errors, catalog);
        Integer rate = rate(body, errors);
        Instant expiresAt = expiry(body, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The key request has " + errors.size() + " error(s).", errors);
        }
        return new KeyRequest(name, role, new Scope(sources, plants, types), rate, expiresAt);
    }

    private static String text(JsonNode body, String member, List<FieldError> errors) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(FieldError.at("/" + member, "must be a string"));
            return null;
        }
        return node.asString();
    }

    private static Role role(JsonNode body, List<FieldError> errors) {
        String role = text(body, "role", errors);
        if (role == null) {
            return Role.PRODUCER;
        }
        try {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            errors.add(FieldError.at("/role", "must be one of producer, auditor, operator, admin"));
            return Role.PRODUCER;
        }
    }

    private static Set<String> values(JsonNode body, String member, boolean required, List<FieldError> errors,
                                      EventCatalog catalog) {
        JsonNode node = body.get(member);
        String pointer = "/" + member;
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(FieldError.at(pointer, "is required for a producer (use [\"*\"] for any)"));
            }
            return Set.of(Scope.ANY);
        }
        if (!node.isArray()) {
            errors.add(FieldError.at(pointer, "must be an array of strings"));
            return Set.of();
        }
        if (node.isEmpty()) {
            errors.add(FieldError.at(pointer, "must name at least one value (use [\"*\"] for any)"));
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            String at = pointer + "/" + i;
            if (!value.isString() || value.asString().isBlank()) {
                errors.add(FieldError.at(at, "must be a non-blank string"));
            } else if (value.asString().chars().anyMatch(Character::isISOControl)) {
                errors.add(FieldError.at(at, "must not contain control characters"));
            } else if (value.asString().length() > MAX_SCOPE_VALUE) {
                errors.add(FieldError.at(at, "must be at most " + MAX_SCOPE_VALUE + " characters"));
            } else if (catalog != null && !Scope.ANY.equals(value.asString()) && !catalog.knowsType(value.asString())) {
                errors.add(FieldError.at(at, "unknown event type '" + value.asString() + "'"));
            } else {
                out.add(value.asString());
            }
        }
        return out;
    }

    private static Instant expiry(JsonNode body, List<FieldError> errors) {
        String text = text(body, "expiresAt", errors);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException ex) {
            errors.add(FieldError.at("/expiresAt", "must be an RFC 3339 timestamp with a zone, e.g. 2027-01-31T00:00:00Z"));
            return null;
        }
    }

    private static Integer rate(JsonNode body, List<FieldError> errors) {
        JsonNode node = body.get("ratePerSecond");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_RATE) {
            errors.add(FieldError.at("/ratePerSecond", "must be an integer from 1 to " + MAX_RATE + " (requests per second)"));
            return null;
        }
        return node.intValue();
    }
}
