package io.millrace.connectivity.mqtt;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudEvents on {@code millrace/events/<producer>/…} by the CloudEvents MQTT binding: structured
 * mode (the payload is the event; MQTT 3.1.1 and 5) or MQTT 5 binary mode (attributes as user
 * properties, the payload is the data, its type the content type). The producer is the topic level
 * after {@code millrace/events/}, configured under {@code millrace.mqtt.producers}.
 */
final class MqttCloudEvents {

    static final String PREFIX = "millrace/events/";

    private final Map<String, Caller> producers = new HashMap<>();

    MqttCloudEvents(List<MqttSettings.Producer> configured) {
        for (MqttSettings.Producer p : configured) {
            if (p.name() == null || p.name().isBlank() || p.sources().isEmpty() || p.plants().isEmpty()
                    || p.eventTypes().isEmpty()) {
                throw new IllegalArgumentException("every millrace.mqtt.producers entry needs a name, sources, plants "
                        + "and event-types (use * for any)");
            }
            producers.put(p.name(), new Caller("mqtt:" + p.name(), p.name(), Role.PRODUCER, new Scope(
                    new HashSet<>(p.sources()), new HashSet<>(p.plants()), new HashSet<>(p.eventTypes())), null));
        }
    }

    Caller producerOf(String topic) {
        String rest = topic.substring(PREFIX.length());
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        Caller caller = producers.get(name);
        if (caller == null) {
            throw ApiProblem.forbidden("Producer '" + name + "' (the topic level after millrace/events/) is not "
                    + "configured (millrace.mqtt.producers); nothing was accepted.");
        }
        return caller;
    }

    static JsonNode read(MqttConnection.Incoming message, List<FieldError> errors) {
        byte[] payload = message.payload();
        String contentType = message.contentType();
        Map<String, String> attributes = message.userProperties();
        if (!attributes.containsKey("specversion")) {
            if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents+json")
                    && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                        "Unsupported media type", "Content type '" + contentType + "' without CloudEvents user "
                        + "properties is not a CloudEvent; publish application/cloudevents+json (structured mode) "
                        + "or MQTT 5 user properties (binary mode).");
            }
            return json(payload, "The payload is not a JSON CloudEvent");
        }
        ObjectNode envelope = EventJson.mapper().createObjectNode();
        attributes.forEach((name, value) -> {
            if (name.equals("data") || name.equals("datacontenttype")) {
                errors.add(FieldError.at("/" + name, "user property " + name + " is not allowed in binary mode: the "
                        + "payload is the data and the content type its type"));
            } else {
                envelope.put(name, value);
            }
        });
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "In binary mode the payload is the event's data and must be application/json, not "
                            + (contentType == null ? "missing" : contentType) + ".");
        }
        envelope.put("datacontenttype", contentType);
        if (payload.length > 0) {
            envelope.set("data", json(payload, "The payload (the event's data) is not JSON"));
        }
        return envelope;
    }

    private static JsonNode json(byte[] payload, String what) {
        if (payload.length == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", what + ": it is empty.");
        }
        try {
            return EventJson.mapper().readTree(payload);
        } catch (JacksonException ex) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    what + ": " + ex.getOriginalMessage());
        }
    }
}
