package io.millrace.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog as an AsyncAPI 3.0.0 document: the hub receives every event type, in every major
 * version, on its HTTP intake, on the Kafka inbound topic and on MQTT ({@code millrace/events/#}).
 * Each message is the CloudEvents envelope of the type with its data schema inlined (local
 * {@code $ref}s resolved), so that AsyncAPI tools need nothing else; its summary is the type's
 * accounting effect, and the type's owner and status travel as {@code x-millrace-*} extensions.
 */
public final class AsyncApiDocument {

    /** Where the hub's channels are: the HTTP base URL, the Kafka bootstrap and inbound topic, the MQTT broker. */
    public record Endpoints(String httpHost, String httpProtocol, String kafkaBootstrap, String kafkaInboundTopic,
                            String mqttBroker) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AsyncApiDocument() {
    }

    public static ObjectNode of(EventCatalog catalog, Endpoints endpoints) {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.0.0");
        document.set("info", info(catalog));
        document.put("defaultContentType", "application/cloudevents+json");
        document.set("servers", servers(endpoints));
        ObjectNode messages = NODES.objectNode();
        ObjectNode references = NODES.objectNode();
        for (EventTypeDescriptor type : catalog.types()) {
            for (EventTypeDescriptor.Version version : type.versions()) {
                String name = messageName(type, version);
                messages.set(name, message(type, version));
                references.putObject(name).put("$ref", "#/components/messages/" + name);
            }
        }
        ObjectNode channels = document.putObject("channels");
        channels.set("httpEvents", channel("/api/v1/events", "http", references,
                "POST a CloudEvent (structured or binary mode) or a batch (application/cloudevents-batch+json) "
                        + "with a producer key; 202 with a receipt per event, or an RFC 9457 problem."));
        channels.set("kafkaInbound", channel(endpoints.kafkaInboundTopic(), "kafka", references,
                "CloudEvents in the Kafka protocol binding (structured or binary mode) from producers named in "
                        + "configuration; refused records go to the rejected topic with their problem."));
        ObjectNode mqtt = channel("millrace/events/{topic}", "mqtt", references,
                "CloudEvents in the MQTT binding (structured mode, or binary mode with MQTT 5 user properties), "
                        + "QoS 1; the hub subscribes to millrace/events/#.");
        mqtt.putObject("parameters").putObject("topic").put("description",
                "Any topic below millrace/events, e.g. the plant and line: P100/line-1.");
        channels.set("mqttEvents", mqtt);
        ObjectNode operations = document.putObject("operations");
        for (String channel : new String[] {"httpEvents", "kafkaInbound", "mqttEvents"}) {
            ObjectNode operation = operations.putObject("receive" + Character.toUpperCase(channel.charAt(0))
                    + channel.substring(1));
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + channel);
            operation.put("summary", "The hub accepts manufacturing events, validates them against the catalog "
                    + "and posts them exactly once.");
        }
        ObjectNode components = document.putObject("components");
        components.set("messages", messages);
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("apiKey").put("type", "http").put("scheme", "bearer")
                .put("description", "A producer key: Authorization: Bearer <key>.");
        return document;
    }

    static String messageName(EventTypeDescriptor type, EventTypeDescriptor.Version version) {
        return type.type() + ".v" + version.major();
    }

    private static ObjectNode info(EventCatalog catalog) {
        ObjectNode info = NODES.objectNode();
        info.put("title", "Millrace event catalog");
        info.put("version", fingerprint(catalog));
        info.put("description", "The governed manufacturing events that Millrace accepts from plants and business "
                + "systems, as CloudEvents 1.0. A type's major version is selected with dataschema "
                + "urn:millrace:schema:<type>:<major> (absent: 1); every newer version is a compatible evolution of "
                + "the one before. The version of this document is a fingerprint of the catalog.");
        return info;
    }

    /** Changes whenever a type, a status or a schema changes. */
    private static String fingerprint(EventCatalog catalog) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (EventTypeDescriptor type : catalog.types()) {
                digest.update(EventJson.mapper().writeValueAsString(type).getBytes(StandardCharsets.UTF_8));
            }
            return "sha256-" + HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static ObjectNode servers(Endpoints endpoints) {
        ObjectNode servers = NODES.objectNode();
        ObjectNode http = servers.putObject("http");
        http.put("host", endpoints.httpHost());
        http.put("protocol", endpoints.httpProtocol());
        http.put("description", "The hub's HTTP API; every request carries an API key.");
        http.putArray("security").addObject().put("$ref", "#/components/securitySchemes/apiKey");
        ObjectNode kafka = servers.putObject("kafka");
        kafka.put("host", "{bootstrap}");
        kafka.put("protocol", "kafka");
        kafka.put("description", "The Kafka cluster of the hub (--kafka-bootstrap), when it runs on Kafka.");
        kafka.putObject("variables").putObject("bootstrap")
                .put("default", endpoints.kafkaBootstrap()).put("description", "bootstrap servers");
        ObjectNode mqtt = servers.putObject("mqtt");
        mqtt.put("host", "{broker}");
        mqtt.put("protocol", "mqtt");
        mqtt.put("description", "The MQTT broker the hub subscribes to (--mqtt-url).");
        mqtt.putObject("variables").putObject("broker")
                .put("default", endpoints.mqttBroker()).put("description", "host:port of the broker");
        return servers;
    }

    private static ObjectNode channel(String address, String server, ObjectNode messages, String description) {
        ObjectNode channel = NODES.objectNode();
        channel.put("address", address);
        channel.put("description", description);
        channel.putArray("servers").addObject().put("$ref", "#/servers/" + server);
        channel.set("messages", messages.deepCopy());
        return channel;
    }

    private static ObjectNode message(EventTypeDescriptor type, EventTypeDescriptor.Version version) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type.type());
        message.put("title", type.type() + " v" + version.major());
        message.put("summary", type.accountingEffect());
        message.put("contentType", "application/cloudevents+json");
        message.putObject("correlationId").put("location", "$message.payload#/correlationid");
        message.set("payload", envelope(type, version));
        message.put("x-millrace-owner", type.owner());
        message.put("x-millrace-status", type.status());
        if (type.deprecation() != null) {
            message.put("x-millrace-deprecated-since", type.deprecation().since().toString());
        }
        return message;
    }

    private static ObjectNode envelope(EventTypeDescriptor type, EventTypeDescriptor.Version version) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "A CloudEvent 1.0 of type " + type.type() + ", major version " + version.major()
                + "; its business key is " + type.businessKey() + ".");
        ArrayNode required = schema.putArray("required");
        for (String name : new String[] {"specversion", "id", "source", "type", "time", "plant", "data"}) {
            required.add(name);
        }
        if (version.major() > 1) {
            required.add("dataschema");
        }
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("const", "1.0");
        properties.set("id", text("unique per source: (source, id) is the idempotency key"));
        properties.set("source", text("the producing system, e.g. urn:millrace:plant:P100:mes"));
        properties.putObject("type").put("const", type.type());
        properties.putObject("time").put("type", "string").put("format", "date-time")
                .put("description", "when it happened (RFC 3339 with a zone); decides the accounting period");
        properties.putObject("plant").put("type", "string").put("pattern", "^[A-Za-z0-9._/-]{1,64}$");
        properties.set("subject", text("the business key (order, purchase order, shipment, lot)"));
        properties.set("correlationid", text("ties the events of one business flow together"));
        ObjectNode dataschema = properties.putObject("dataschema");
        dataschema.put("const", version.dataschema());
        if (version.major() == 1) {
            dataschema.put("description", "optional for version 1");
        }
        properties.putObject("datacontenttype").put("type", "string").put("pattern", "^application/json(;.*)?$");
        properties.set("data", inline(version.schema(), version.schema()));
        return schema;
    }

    private static ObjectNode text(String description) {
        ObjectNode text = NODES.objectNode();
        text.put("type", "string").put("minLength", 1).put("maxLength", 256).put("description", description);
        return text;
    }

    /** A copy of a data schema without {@code $schema}, {@code $id} and {@code $defs}, its local references replaced. */
    private static JsonNode inline(JsonNode node, JsonNode root) {
        if (node.isObject()) {
            JsonNode target = node.has("$ref") ? root.at(node.get("$ref").asString().substring(1)) : null;
            ObjectNode copy = NODES.objectNode();
            if (target != null) {
                for (Map.Entry<String, JsonNode> field : inline(target, root).properties()) {
                    copy.set(field.getKey(), field.getValue());
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                if (!key.equals("$ref") && !key.equals("$defs") && !key.equals("$schema") && !key.equals("$id")) {
                    copy.set(key, inline(field.getValue(), root));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(inline(item, root)));
            return copy;
        }
        return node;
    }
}
