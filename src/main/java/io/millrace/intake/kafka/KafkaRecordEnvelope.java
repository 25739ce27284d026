package io.millrace.intake.kafka;

import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a record of the inbound topic as a CloudEvent by the Kafka protocol binding: structured
 * mode ({@code content-type: application/cloudevents+json}, the value is the event) or binary mode
 * ({@code ce_*} headers, the value is the data and {@code content-type} its type). The result is
 * the structured JSON envelope, so that validation sees the same shape and pointers as over HTTP.
 */
final class KafkaRecordEnvelope {

    private static final String PREFIX = "ce_";

    private KafkaRecordEnvelope() {
    }

    /** The envelope; header problems are added to {@code errors}; an unreadable record throws a problem. */
    static JsonNode read(ConsumerRecord<String, byte[]> record, long maxEventBytes, List<FieldError> errors) {
        byte[] value = record.value();
        if (value != null && value.length > maxEventBytes) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large", "The event of "
                    + value.length + " bytes exceeds the limit of " + maxEventBytes + " bytes per event.");
        }
        String contentType = text(record.headers().lastHeader("content-type"), "/datacontenttype", errors);
        boolean binary = false;
        for (Header header : record.headers()) {
            if (header.key().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                binary = true;
                break;
            }
        }
        boolean structured = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents");
        if (structured || !binary) {
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents-batch")) {
                throw unsupported("A record carries one event; batches go to POST /api/v1/events.");
            }
            if (contentType != null && !structured && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw unsupported("Content type '" + contentType + "' without ce_ headers is not a CloudEvent.");
            }
            return json(value, "The record value is not a JSON CloudEvent");
        }
        return binary(record, contentType, value, errors);
    }

    private static JsonNode binary(ConsumerRecord<String, byte[]> record, String contentType, byte[] value,
                                   List<FieldError> errors) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        for (Header header : record.headers()) {
            if (!header.key().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String attribute = header.key().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            String pointer = "/" + attribute.replace("~", "~0").replace("/", "~1");
            if (attribute.equals("data") || attribute.equals("datacontenttype")) {
                errors.add(FieldError.at(pointer, "header " + header.key() + " is not allowed in binary mode: the "
                        + "value is the data and content-type its type"));
                continue;
            }
            if (envelope.has(attribute)) {
                errors.add(FieldError.at(pointer, "header " + header.key() + " is given more than once"));
                continue;
            }
            String text = text(header, pointer, errors);
            if (text != null) {
                envelope.put(attribute, text);
            }
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw unsupported("In binary mode the value is the event's data and must be application/json, not "
                    + (contentType == null ? "missing" : contentType) + ".");
        }
        envelope.put("datacontenttype", contentType);
        if (value != null) {
            envelope.set("data", json(value, "The record value (the event's data) is not JSON"));
        }
        return envelope;
    }

    private static JsonNode json(byte[] value, String what) {
        if (value == null || value.length == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    what + ": the value is empty.");
        }
        try {
            return EventJson.mapper().readTree(value);
        } catch (JacksonException ex) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    what + ": " + ex.getOriginalMessage());
        }
    }

    private static String text(Header header, String pointer, List<FieldError> errors) {
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header.value())).toString();
        } catch (CharacterCodingException ex) {
            errors.add(FieldError.at(pointer, "header " + header.key() + " is not valid UTF-8"));
            return null;
        }
    }

    private static ApiProblem unsupported(String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                detail + " Publish application/cloudevents+json (structured mode) or application/json with ce_ "
                        + "headers (binary mode).");
    }
}
