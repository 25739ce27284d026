package io.millrace.intake.kafka;

import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record sent to the rejected-events topic for a refused inbound record: the RFC 9457 problem
 * that HTTP would have answered (type, title, status, detail, errors, extra members), plus where the
 * record came from ({@code inbound}) and the record's value ({@code event}, or {@code eventBase64}
 * when it is not UTF-8). The original headers are kept; the key too.
 */
final class RejectedRecords {

    static final String PROBLEM_JSON = "application/problem+json";

    private RejectedRecords() {
    }

    static ProducerRecord<String, byte[]> of(String topic, ConsumerRecord<String, byte[]> record, ApiProblem problem) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("type", problem.typeUri().toString());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        if (!problem.errors().isEmpty()) {
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
        }
        for (Map.Entry<String, Object> p : problem.properties().entrySet()) {
            body.set(p.getKey(), EventJson.mapper().valueToTree(p.getValue()));
        }
        ObjectNode inbound = body.putObject("inbound");
        inbound.put("topic", record.topic());
        inbound.put("partition", record.partition());
        inbound.put("offset", record.offset());
        inbound.put("key", record.key());
        if (record.value() != null) {
            String text = utf8(record.value());
            if (text != null) {
                body.put("event", text);
            } else {
                body.put("eventBase64", Base64.getEncoder().encodeToString(record.value()));
            }
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().equalsIgnoreCase("content-type")) {
                headers.add(h);
            }
        }
        headers.add("content-type", PROBLEM_JSON.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, record.key(),
                EventJson.mapper().writeValueAsBytes(body), headers);
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }
}
