package io.millrace.intake;

import io.millrace.catalog.EventJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a structured-mode body (one event) or a batch body (a JSON array of events) with the
 * streaming parser, measuring each event's size in bytes on the way, so that a too large event or
 * too long batch is refused as soon as it is seen.
 */
final class EventReader {

    private final JsonMapper json = EventJson.mapper();
    /** Reads one value from a parser positioned on it; the caller checks what follows. */
    private final ObjectReader value = json.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final IntakeLimits limits;

    EventReader(IntakeLimits limits) {
        this.limits = limits;
    }

    JsonNode single(byte[] body) {
        if (body.length > limits.eventBytes()) {
            throw IntakeProblems.tooLarge("The event of " + body.length + " bytes exceeds the limit of "
                    + limits.eventBytes() + " bytes per event; nothing was accepted.");
        }
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() == null) {
                throw IntakeProblems.malformed("The body is empty; expected one CloudEvent as a JSON object.");
            }
            JsonNode node = value.readValue(parser);
            requireEnd(parser);
            return node;
        } catch (JacksonException ex) {
            throw IntakeProblems.malformed(ex);
        }
    }

    List<JsonNode> batch(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw IntakeProblems.malformed("The body is empty; expected a JSON array of CloudEvents.");
            }
            if (first != JsonToken.START_ARRAY) {
                throw IntakeProblems.malformed("A batch (application/cloudevents-batch+json) must be a JSON array"
                        + " of events, not " + describe(first) + " (line 1).");
            }
            List<JsonNode> events = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw IntakeProblems.malformed("The batch array is not closed.");
                }
                int index = events.size();
                if (index >= limits.maxBatchEvents()) {
                    throw IntakeProblems.tooLarge("The batch has more than " + limits.maxBatchEvents()
                            + " events, the limit per batch; nothing was accepted.");
                }
                long start = parser.currentTokenLocation().getByteOffset();
                JsonNode node = value.readValue(parser);
                long size = parser.currentLocation().getByteOffset() - start;
                if (size > limits.eventBytes()) {
                    throw IntakeProblems.tooLarge("Event " + index + " of the batch has " + size
                            + " bytes, over the limit of " + limits.eventBytes() + " bytes per event; nothing was accepted.");
                }
                events.add(node);
            }
            requireEnd(parser);
            return events;
        } catch (JacksonException ex) {
            throw IntakeProblems.malformed(ex);
        }
    }

    /** Parses the body of a binary-mode request (the event's data). */
    JsonNode data(byte[] body) {
        if (body.length > limits.eventBytes()) {
            throw IntakeProblems.tooLarge("The event data of " + body.length + " bytes exceeds the limit of "
                    + limits.eventBytes() + " bytes per event; nothing was accepted.");
        }
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode node = value.readValue(parser);
            requireEnd(parser);
            return node;
        } catch (JacksonException ex) {
            throw IntakeProblems.malformed(ex);
        }
    }

    private static void requireEnd(JsonParser parser) {
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw IntakeProblems.malformed("Unexpected " + describe(extra) + " after the end of the JSON value at line "
                    + parser.currentTokenLocation().getLineNr() + ", column "
                    + parser.currentTokenLocation().getColumnNr() + ".");
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }
}
