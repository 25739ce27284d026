package io.millrace.cli;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import io.millrace.simulator.PlantTraffic;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated plant of the demo that speaks its own dialect over MQTT instead of CloudEvents over
 * HTTP: each event becomes {@code {"kind", "ref", "at", "order", "site", "payload"}} on
 * {@code demo/<plant>/gateway}, and the demo's binding maps it back. A newcomer sees the whole
 * path: plant message, mapping, intake, posting, lineage with the raw message.
 */
final class DemoMqttPlant {

    static final String MAPPING = "{'type': message.kind, 'id': message.ref, 'time': message.at, "
            + "'subject': message.order, 'plant': message.site, 'data': message.payload}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoMqttPlant() {
    }

    static String topic(String plant) {
        return "demo/" + plant + "/gateway";
    }

    static String binding(String plant) {
        return "{\"channel\":\"mqtt\",\"topic\":\"" + topic(plant) + "\",\"format\":\"json\",\"source\":"
                + "\"urn:millrace:plant:" + plant + ":gateway\",\"plants\":[\"" + plant + "\"],\"eventTypes\":[\"*\"],"
                + "\"mapping\":" + JSON.writeValueAsString(MAPPING) + "}";
    }

    /** Publishes the plant's traffic at {@code rate} messages per second until the thread is interrupted. */
    static Thread start(String mqttUrl, String plant, PlantTraffic traffic, int rate) {
        Thread thread = new Thread(() -> run(mqttUrl, plant, traffic, rate), "demo-mqtt-plant");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run(String mqttUrl, String plant, Iterator<ObjectNode> traffic, int rate) {
        URI uri = URI.create(mqttUrl);
        Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("demo-plant-" + plant).serverHost(uri.getHost())
                .serverPort(uri.getPort() < 0 ? 1883 : uri.getPort()).automaticReconnectWithDefaultConfig()
                .buildBlocking();
        client.connect();
        long pause = Math.max(1, 1000L / Math.max(1, rate));
        try {
            while (traffic.hasNext() && !Thread.currentThread().isInterrupted()) {
                ObjectNode event = traffic.next();
                ObjectNode message = JSON.createObjectNode();
                message.put("kind", event.get("type").asString());
                message.put("ref", event.get("id").asString());
                message.put("at", event.get("time").asString());
                if (event.hasNonNull("subject")) {
                    message.put("order", event.get("subject").asString());
                }
                message.put("site", event.get("plant").asString());
                message.set("payload", event.get("data"));
                client.publishWith().topic(topic(plant)).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(JSON.writeValueAsBytes(message)).send();
                Thread.sleep(pause);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ex) {
            System.err.println("demo MQTT plant " + plant + " stopped: " + ex.getMessage());
        } finally {
            try {
                client.disconnect();
            } catch (RuntimeException ignored) {
                // stopping anyway
            }
        }
    }
}
