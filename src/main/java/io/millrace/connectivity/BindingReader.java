package io.millrace.connectivity;

import io.millrace.catalog.ActiveCatalog;
import io.millrace.web.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks the body of {@code PUT /api/v1/bindings/{name}} as a whole: every field, the
 * scope against the catalog, and that the mapping compiles. Every error is listed with its
 * pointer; the definition is answered only when there is none.
 */
final class BindingReader {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}|\\*");
    private static final Set<String> FIELDS = Set.of("channel", "topic", "format", "csv", "source", "plants",
            "eventTypes", "mapping");

    /** The hub's catalog, or at a plant edge agent the one it has learnt from the hub. */
    private final ActiveCatalog catalog;

    BindingReader(ActiveCatalog catalog) {
        this.catalog = catalog;
    }

    /** The definition and its compiled mapping, or null with {@code errors} filled. */
    record Read(BindingDefinition definition, Mapping mapping) {
    }

    Read read(JsonNode body, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(FieldError.at("", "a binding is a JSON object with channel, topic, format, source, plants, "
                    + "eventTypes and mapping"));
            return null;
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(FieldError.at("/" + name, "unknown field '" + name + "'; allowed are "
                        + FIELDS.stream().sorted().collect(Collectors.joining(", "))));
            }
        }
        BindingDefinition.Channel channel = choice(body, "channel", BindingDefinition.Channel.class, errors);
        BindingDefinition.Format format = choice(body, "format", BindingDefinition.Format.class, errors);
        String topic = topic(body, channel, errors);
        BindingDefinition.CsvLayout csv = csv(body.get("csv"), format, errors);
        String source = text(body, "source", errors);
        if (source != null && (source.isBlank() || source.length() > 256)) {
            errors.add(FieldError.at("/source", "must be a URI reference of 1-256 characters"));
        }
        List<String> plants = codes(body, "plants", errors);
        List<String> types = codes(body, "eventTypes", errors);
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (!type.equals("*") && !catalog.current().knowsType(type)) {
                errors.add(FieldError.at("/eventTypes/" + i, "event type '" + type + "' is not in the catalog"));
            }
        }
        String expression = text(body, "mapping", errors);
        Mapping mapping = null;
        if (expression != null) {
            try {
                mapping = Mapping.compile(expression);
            } catch (Mapping.MappingFailure ex) {
                errors.add(FieldError.at("/mapping", ex.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Read(new BindingDefinition(channel, topic, format, csv, source, plants, types, expression), mapping);
    }

    private static String topic(JsonNode body, BindingDefinition.Channel channel, List<FieldError> errors) {
        JsonNode node = body.get("topic");
        if (channel == BindingDefinition.Channel.HTTP) {
            if (node != null && !node.isNull()) {
                errors.add(FieldError.at("/topic", "an http binding has no topic: its messages arrive at "
                        + "POST /api/v1/ingest/{name}"));
            }
            return null;
        }
        String topic = text(body, "topic", errors);
        if (topic == null || channel == null) {
            return topic;
        }
        if (channel == BindingDefinition.Channel.MQTT) {
            if (topic.isEmpty() || topic.length() > 256 || topic.startsWith("$") || !validFilter(topic)) {
                errors.add(FieldError.at("/topic", "'" + topic + "' is not an MQTT topic filter ('+' and '#' "
                        + "only as whole levels, '#' last)"));
            } else if (topic.startsWith("millrace/")) {
                errors.add(FieldError.at("/topic", "topics under millrace/ belong to the hub (CloudEvents and "
                        + "refusals); choose another"));
            }
        } else if (!NAME.matcher(topic).matches() || topic.equals("processed") || topic.equals("rejected")) {
            errors.add(FieldError.at("/topic", "a file binding's topic is its inbox folder: 1-64 characters of "
                    + "letters, digits and ._-, not 'processed' or 'rejected'"));
        }
        return topic;
    }

    private static boolean validFilter(String filter) {
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    private static BindingDefinition.CsvLayout csv(JsonNode node, BindingDefinition.Format format,
                                                   List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return BindingDefinition.CsvLayout.DEFAULT;
        }
        if (format != BindingDefinition.Format.CSV) {
            errors.add(FieldError.at("/csv", "csv options apply only to format csv"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(FieldError.at("/csv", "must be an object {delimiter, header}"));
            return null;
        }
        char delimiter = ',';
        JsonNode d = node.get("delimiter");
        if (d != null) {
            if (!d.isString() || d.stringValue().length() != 1 || d.stringValue().equals("\"")) {
                errors.add(FieldError.at("/csv/delimiter", "must be one character other than '\"'"));
            } else {
                delimiter = d.stringValue().charAt(0);
            }
        }
        boolean header = true;
        JsonNode h = node.get("header");
        if (h != null) {
            if (!h.isBoolean()) {
                errors.add(FieldError.at("/csv/header", "must be true or false"));
            } else {
                header = h.booleanValue();
            }
        }
        for (String name : node.propertyNames()) {
            if (!name.equals("delimiter") && !name.equals("header")) {
                errors.add(FieldError.at("/csv/" + name, "unknown field '" + name + "'; allowed are delimiter, header"));
            }
        }
        return new BindingDefinition.CsvLayout(delimiter, header);
    }

    private static <E extends Enum<E>> E choice(JsonNode body, String field, Class<E> type, List<FieldError> errors) {
        String text = text(body, field, errors);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            errors.add(FieldError.at("/" + field, "'" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
            return null;
        }
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(FieldError.at("/" + field, "is required"));
            return null;
        }
        if (!node.isString()) {
            errors.add(FieldError.at("/" + field, "must be a string"));
            return null;
        }
        return node.stringValue();
    }

    private static List<String> codes(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        List<String> codes = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add(FieldError.at("/" + field, "is required (a non-empty array; \"*\" allows any)"));
            return codes;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(FieldError.at("/" + field, "must be a non-empty array of strings (\"*\" allows any)"));
            return codes;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString() || !CODE.matcher(item.stringValue()).matches()) {
                errors.add(FieldError.at("/" + field + "/" + i, "must be a code of 1-64 characters or \"*\""));
            } else if (codes.contains(item.stringValue())) {
                errors.add(FieldError.at("/" + field + "/" + i, "'" + item.stringValue() + "' is listed twice"));
            } else {
                codes.add(item.stringValue());
            }
        }
        return codes;
    }
}
