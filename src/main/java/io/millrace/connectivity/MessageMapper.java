package io.millrace.connectivity;

import io.millrace.catalog.EventJson;
import io.millrace.intake.EventOrigin;
import io.millrace.web.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one raw message into canonical events by a binding: reads it in the binding's format, runs
 * the mapping over each document, completes each event's envelope (specversion, source from the
 * binding, plant from the binding when it has one plant, an id derived from the binding and the
 * raw bytes when the mapping gives none), checks the binding's scope and converts quantities to
 * base units. Stores nothing.
 */
public final class MessageMapper {

    private static final Set<String> ATTRIBUTES = Set.of("type", "id", "time", "subject", "plant", "data",
            "correlationid");

    private final JsonMapper json = EventJson.mapper();
    private final QuantityConversion conversion;

    public MessageMapper(QuantityConversion conversion) {
        this.conversion = conversion;
    }

    /** Where a message came from. {@code topic} and {@code file} may be null. */
    public record Received(String channel, String topic, String file, Instant receivedAt, byte[] raw) {
    }

    public MappedMessage map(Binding binding, Mapping mapping, Received received) {
        List<JsonNode> events = new ArrayList<>();
        List<EventOrigin> origins = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<MessageReader.Document> documents;
        try {
            documents = MessageReader.read(binding.definition(), received.raw());
        } catch (MessageReader.Unreadable ex) {
            errors.add(FieldError.at("", ex.getMessage()));
            return new MappedMessage(events, origins, rows, errors);
        }
        String digest = RawDigest.sha256Hex(received.raw());
        EventOrigin origin = origin(binding, received);
        for (MessageReader.Document document : documents) {
            String where = document.row() == null ? "" : "row " + document.row() + ": ";
            List<Object> produced;
            try {
                produced = produced(mapping.evaluate(input(document, received)));
            } catch (Mapping.MappingFailure ex) {
                errors.add(new FieldError(null, "", where + ex.getMessage()));
                continue;
            }
            for (int k = 0; k < produced.size(); k++) {
                int index = events.size();
                String derivedId = binding.name() + "-" + digest.substring(0, 32)
                        + (document.row() == null ? "" : "-r" + document.row()) + (produced.size() > 1 ? "-" + (k + 1) : "");
                List<FieldError> found = new ArrayList<>();
                ObjectNode event = envelope(binding, produced.get(k), derivedId, found);
                List<EventOrigin.Conversion> converted = List.of();
                if (event != null && found.isEmpty()) {
                    converted = conversion.toBaseUnits(event, found);
                }
                for (FieldError e : found) {
                    errors.add(new FieldError(index, e.pointer(), where + e.message()));
                }
                events.add(event == null ? json.createObjectNode() : event);
                origins.add(origin.withConversions(converted));
                rows.add(document.row());
            }
        }
        return new MappedMessage(events, origins, rows, errors);
    }

    private static Map<String, Object> input(MessageReader.Document document, Received received) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("message", document.message());
        if (received.topic() != null) {
            input.put("topic", received.topic());
        }
        if (received.file() != null) {
            input.put("file", received.file());
        }
        if (document.row() != null) {
            input.put("row", document.row());
        }
        input.put("receivedAt", received.receivedAt().toString());
        return input;
    }

    /** The events a mapping produced: nothing, one object, or an array of objects. */
    private static List<Object> produced(Object result) {
        if (result == null) {
            return List.of();
        }
        if (result instanceof List<?> list) {
            List<Object> flat = new ArrayList<>();
            for (Object o : list) {
                if (o != null) {
                    flat.add(o);
                }
            }
            return flat;
        }
        return List.of(result);
    }

    private ObjectNode envelope(Binding binding, Object produced, String derivedId, List<FieldError> errors) {
        if (!(produced instanceof Map<?, ?> map)) {
            errors.add(FieldError.at("", "the mapping must produce an event object {type, id, time, subject, plant, "
                    + "data} or an array of them, not " + describe(produced)));
            return null;
        }
        JsonNode mapped;
        try {
            mapped = json.valueToTree(map);
        } catch (RuntimeException ex) {
            errors.add(FieldError.at("", "the mapping produced a value that is not JSON: " + ex.getMessage()));
            return null;
        }
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        for (String name : mapped.propertyNames()) {
            if (!ATTRIBUTES.contains(name)) {
                errors.add(FieldError.at("/" + name, "the mapping produced '" + name + "', which is not an event "
                        + "attribute a mapping may set (type, id, time, subject, plant, data, correlationid)"));
            }
        }
        JsonNode id = mapped.get("id");
        if (id == null || id.isNull()) {
            event.put("id", derivedId);
        } else {
            event.set("id", id.isNumber() ? json.getNodeFactory().stringNode(id.asString()) : id);
        }
        event.put("source", binding.definition().source());
        for (String name : List.of("type", "time", "subject", "correlationid")) {
            JsonNode value = mapped.get(name);
            if (value != null && !value.isNull()) {
                event.set(name, value);
            }
        }
        JsonNode plant = mapped.get("plant");
        if (plant != null && !plant.isNull()) {
            event.set("plant", plant);
        } else if (binding.definition().defaultPlant() != null) {
            event.put("plant", binding.definition().defaultPlant());
        }
        JsonNode data = mapped.get("data");
        if (data != null) {
            event.set("data", data);
        }
        scope(binding.definition(), event, errors);
        return event;
    }

    private static void scope(BindingDefinition binding, ObjectNode event, List<FieldError> errors) {
        JsonNode type = event.get("type");
        if (type != null && type.isString() && !binding.allowsType(type.stringValue())) {
            errors.add(FieldError.at("/type", "event type '" + type.stringValue() + "' is outside the binding's "
                    + "scope " + binding.eventTypes()));
        }
        JsonNode plant = event.get("plant");
        if (plant != null && plant.isString() && !binding.allowsPlant(plant.stringValue())) {
            errors.add(FieldError.at("/plant", "plant '" + plant.stringValue() + "' is outside the binding's scope "
                    + binding.plants()));
        }
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        return value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean" : String.valueOf(value);
    }

    private static EventOrigin origin(Binding binding, Received received) {
        String text = utf8(received.raw());
        return new EventOrigin(received.channel(), binding.name(), binding.version(), received.topic(),
                received.file(), null, received.receivedAt(),
                text != null ? text : Base64.getEncoder().encodeToString(received.raw()), text == null, List.of());
    }

    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }
}
