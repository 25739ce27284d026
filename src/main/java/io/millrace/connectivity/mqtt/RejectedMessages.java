package io.millrace.connectivity.mqtt;

import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The message published to {@code millrace/rejected/<binding>} for a refused one: the RFC 9457
 * problem HTTP would have answered, plus the topic it came on and its payload ({@code message},
 * or {@code messageBase64} when it is not UTF-8).
 */
final class RejectedMessages {

    private RejectedMessages() {
    }

    static byte[] of(String topic, byte[] payload, ApiProblem problem) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("type", problem.typeUri().toString());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        var errors = body.putArray("errors");
        for (FieldError e : problem.errors()) {
            ObjectNode error = errors.addObject();
            if (e.index() == null) {
                error.putNull("index");
            } else {
                error.put("index", e.index());
            }
            error.put("pointer", e.pointer());
            error.put("message", e.message());
        }
        for (Map.Entry<String, Object> p : problem.properties().entrySet()) {
            body.set(p.getKey(), EventJson.mapper().valueToTree(p.getValue()));
        }
        body.put("topic", topic);
        try {
            body.put("message", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString());
        } catch (CharacterCodingException ex) {
            body.put("messageBase64", Base64.getEncoder().encodeToString(payload));
        }
        return EventJson.mapper().writeValueAsBytes(body);
    }
}
