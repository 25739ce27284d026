package io.millrace.catalog;

import io.millrace.catalog.SchemaViolations.Pointers;
import io.millrace.web.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The CloudEvents 1.0 structured-JSON envelope as the hub accepts it. Checks every attribute and
 * reports every violation; when type and version are sound it names the data schema to apply.
 * A JSON null attribute counts as absent, as the CloudEvents JSON format says.
 */
final class EnvelopeRules {

    static final int MAX_TEXT = 256;
    static final String TIME_EXAMPLE = "2026-11-26T08:15:00Z";

    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type", "time", "plant", "data");
    private static final Set<String> KNOWN = Set.of("specversion", "id", "source", "type", "time", "plant", "data",
            "subject", "correlationid", "dataschema", "datacontenttype");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATASCHEMA = Pattern.compile(
            Pattern.quote(CatalogEntry.DATASCHEMA_PREFIX) + "([^:]+):([1-9][0-9]{0,8})");

    private final Map<String, CatalogEntry> entries;
    private final String knownTypes;

    EnvelopeRules(Map<String, CatalogEntry> entries) {
        this.entries = entries;
        this.knownTypes = String.join(", ", entries.keySet());
    }

    /** Adds the envelope's violations to {@code errors}; returns the data schema to apply, or null. */
    CatalogEntry.DataSchema check(JsonNode event, List<FieldError> errors) {
        if (event == null || !event.isObject()) {
            errors.add(FieldError.at("", "must be a JSON object (a CloudEvent in structured JSON form)"));
            return null;
        }
        for (String name : REQUIRED) {
            if (absent(event.get(name))) {
                errors.add(FieldError.at("/" + name, "is required"));
            }
        }
        for (Map.Entry<String, JsonNode> attribute : event.properties()) {
            if (!KNOWN.contains(attribute.getKey())) {
                checkExtension(attribute.getKey(), attribute.getValue(), errors);
            }
        }
        JsonNode specversion = event.get("specversion");
        if (!absent(specversion) && !(specversion.isString() && "1.0".equals(specversion.asString()))) {
            errors.add(FieldError.at("/specversion", "must be \"1.0\""));
        }
        text(event, "id", errors);
        text(event, "source", errors);
        text(event, "subject", errors);
        text(event, "correlationid", errors);
        checkTime(event.get("time"), errors);
        checkPlant(event.get("plant"), errors);
        checkContentType(event.get("datacontenttype"), errors);
        CatalogEntry entry = checkType(event.get("type"), errors);
        CatalogEntry.DataSchema schema = checkDataschema(event.get("dataschema"), entry, errors);
        JsonNode data = event.get("data");
        if (!absent(data) && !data.isObject()) {
            errors.add(FieldError.at("/data", "must be a JSON object"));
            return null;
        }
        return absent(data) ? null : schema;
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static void checkExtension(String name, JsonNode value, List<FieldError> errors) {
        String pointer = "/" + Pointers.escape(name);
        if ("data_base64".equals(name)) {
            errors.add(FieldError.at(pointer, "is not accepted: send the payload as a JSON object in data"));
        } else if (!NAME.matcher(name).matches()) {
            String hint = KNOWN.contains(name.toLowerCase(Locale.ROOT)) ? "; did you mean '" + name.toLowerCase(Locale.ROOT) + "'?" : "";
            errors.add(FieldError.at(pointer, "is not a valid attribute name: CloudEvents attribute names are "
                    + "lowercase ASCII letters and digits" + hint));
        } else if (!absent(value) && !(value.isString() || value.isNumber() || value.isBoolean())) {
            errors.add(FieldError.at(pointer, "must be a string, number or boolean (an extension attribute)"));
        } else if (value.isString() && value.asString().length() > MAX_TEXT) {
            errors.add(FieldError.at(pointer, "must be at most " + MAX_TEXT + " characters"));
        } else if (value.isString() && value.asString().chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldError.at(pointer, "must not contain control characters"));
        }
    }

    private static void text(JsonNode event, String name, List<FieldError> errors) {
        JsonNode value = event.get(name);
        if (absent(value)) {
            return;
        }
        if (!value.isString()) {
            errors.add(FieldError.at("/" + name, "must be a string"));
        } else if (value.asString().isEmpty()) {
            errors.add(FieldError.at("/" + name, "must not be empty"));
        } else if (value.asString().length() > MAX_TEXT) {
            errors.add(FieldError.at("/" + name, "must be at most " + MAX_TEXT + " characters"));
        } else if (value.asString().chars().anyMatch(Character::isISOControl)) {
            // a NUL or line break in an identifier breaks logs, headers and PostgreSQL text
            errors.add(FieldError.at("/" + name, "must not contain control characters"));
        }
    }

    private static void checkTime(JsonNode time, List<FieldError> errors) {
        if (absent(time)) {
            return;
        }
        if (!time.isString() || parseTime(time.asString()) == null) {
            errors.add(FieldError.at("/time", "must be an RFC 3339 timestamp with a zone, e.g. " + TIME_EXAMPLE));
        }
    }

    /** The instant of an RFC 3339 date-time with a zone (Z or an offset), or null when it is not one. */
    static OffsetDateTime parseTime(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void checkPlant(JsonNode plant, List<FieldError> errors) {
        if (absent(plant)) {
            return;
        }
        if (!plant.isString()) {
            errors.add(FieldError.at("/plant", "must be a string"));
        } else if (!CODE.matcher(plant.asString()).matches()) {
            errors.add(FieldError.at("/plant", "must be a code of 1 to 64 characters: ASCII letters, digits and - _ . /"));
        }
    }

    private static void checkContentType(JsonNode contentType, List<FieldError> errors) {
        if (absent(contentType)) {
            return;
        }
        String mediaType = contentType.isString() ? contentType.asString() : "";
        int parameters = mediaType.indexOf(';');
        String essence = (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim();
        if (!essence.equalsIgnoreCase("application/json")) {
            errors.add(FieldError.at("/datacontenttype", "must be application/json"));
        }
    }

    private CatalogEntry checkType(JsonNode type, List<FieldError> errors) {
        if (absent(type)) {
            return null;
        }
        if (!type.isString()) {
            errors.add(FieldError.at("/type", "must be a string"));
            return null;
        }
        CatalogEntry entry = entries.get(type.asString());
        if (entry == null) {
            errors.add(FieldError.at("/type", "is not a known event type; known: " + knownTypes));
        }
        return entry;
    }

    /** The major version a valid event's {@code dataschema} names; 1 when it names none. */
    static int majorOf(JsonNode dataschema) {
        if (absent(dataschema)) {
            return 1;
        }
        Matcher urn = DATASCHEMA.matcher(dataschema.asString(""));
        return urn.matches() ? Integer.parseInt(urn.group(2)) : 1;
    }

    private CatalogEntry.DataSchema checkDataschema(JsonNode dataschema, CatalogEntry entry, List<FieldError> errors) {
        if (absent(dataschema)) {
            return entry == null ? null : entry.majors().get(1);
        }
        Matcher urn = dataschema.isString() ? DATASCHEMA.matcher(dataschema.asString()) : null;
        if (urn == null || !urn.matches()) {
            errors.add(FieldError.at("/dataschema", "must be urn:millrace:schema:<type>:<major>, e.g. "
                    + CatalogEntry.dataschema(entry == null ? "mfg.production.order.released" : entry.type(), 1)));
            return null;
        }
        if (entry == null) {
            return null;
        }
        if (!urn.group(1).equals(entry.type())) {
            errors.add(FieldError.at("/dataschema", "names type " + urn.group(1) + " but the event's type is " + entry.type()));
            return null;
        }
        int major = Integer.parseInt(urn.group(2));
        CatalogEntry.DataSchema schema = entry.majors().get(major);
        if (schema == null) {
            errors.add(FieldError.at("/dataschema", "names major version " + major + " of " + entry.type()
                    + ", which does not exist; known: "
                    + entry.majors().keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        return schema;
    }
}
