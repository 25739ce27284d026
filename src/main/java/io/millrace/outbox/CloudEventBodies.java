package io.millrace.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Request bodies in the CloudEvents 1.0 structured JSON format, the envelope of events.md: one
 * event ({@code application/cloudevents+json}) or a batch ({@code application/cloudevents-batch+json}).
 * Besides the inbound attributes, {@code sequence} is the delivery position (the CloudEvents
 * sequence extension, a decimal string) and {@code trackingid} the hub tracking id of the event
 * the message comes from. The stored data is embedded as written, so decimals stay exact.
 */
final class CloudEventBodies {

    static final String SINGLE = "application/cloudevents+json; charset=utf-8";
    static final String BATCH = "application/cloudevents-batch+json; charset=utf-8";

    private CloudEventBodies() {
    }

    record Body(byte[] bytes, String contentType) {
    }

    static Body of(List<StoredMessage> messages, boolean batch) {
        if (!batch) {
            if (messages.size() != 1) {
                throw new IllegalArgumentException("a single-event body needs exactly one message, got "
                        + messages.size());
            }
            return new Body(bytes(event(messages.get(0)).toString()), SINGLE);
        }
        ArrayNode array = OutboxJson.NODES.arrayNode();
        messages.forEach(m -> array.add(event(m)));
        return new Body(bytes(OutboxJson.write(array)), BATCH);
    }

    static ObjectNode event(StoredMessage m) {
        ObjectNode event = OutboxJson.object();
        event.put("specversion", "1.0");
        event.put("id", m.eventId().toString());
        event.put("source", m.source());
        event.put("type", m.type());
        event.put("time", m.time().toString());
        OutboxJson.putIfPresent(event, "subject", m.subject());
        event.put("datacontenttype", "application/json");
        event.put("plant", m.plant());
        OutboxJson.putIfPresent(event, "correlationid", m.correlationId());
        if (m.trackingId() != null) {
            event.put("trackingid", m.trackingId().toString());
        }
        if (m.position() != null) {
            event.put("sequence", m.position().toString());
        }
        event.putRawValue("data", new RawValue(m.data()));
        return event;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
