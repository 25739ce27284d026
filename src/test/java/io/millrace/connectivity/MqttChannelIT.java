package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.millrace.connectivity.mqtt.MqttChannel;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TestMosquitto;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The MQTT channel on the machine's Mosquitto: mapped plant JSON, duplicates, refusals, CloudEvents. */
class MqttChannelIT extends ConnectivityHub {

    @Autowired
    MqttChannel channel;

    private PlantFixture p;
    private String topicRoot;
    private Mqtt5BlockingClient plant;

    @BeforeEach
    void plantAndBroker() {
        TestMosquitto.require();
        p = new PlantFixture(http, ADMIN_KEY);
        topicRoot = "it/" + p.u.toLowerCase() + "/line";
        plant = TestMosquitto.client("plant-" + p.u);
    }

    @AfterEach
    void disconnect() {
        if (plant != null) {
            plant.disconnect();
        }
    }

    private void publish(String topic, String payload) {
        plant.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private void awaitMessagesTaken(long before, int more) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (channel.acceptedMessages() + channel.rejectedMessages() < before + more && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void awaitSubscribed(String probeTopic) throws InterruptedException {
        // the channel subscribes when the binding is stored; a probe message on the topic shows it took effect
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long before = channel.rejectedMessages() + channel.acceptedMessages();
        while (System.nanoTime() < deadline) {
            publish(probeTopic, "{\"msg\":\"probe\"}");
            Thread.sleep(200);
            if (channel.rejectedMessages() + channel.acceptedMessages() > before) {
                return;
            }
        }
        throw new AssertionError("the hub did not subscribe to " + probeTopic);
    }

    @Test
    void aPlantDialectMappedFromMqttPostsConsumptionAndCompletionOnceEvenWhenSentTwice() throws Exception {
        String name = "mqtt-" + p.u.toLowerCase();
        putBinding(name, Dialects.gatewayBinding(p, "mqtt", topicRoot + "/+/events"));
        p.releaseAndStage("MO-M1", "L-M1");
        awaitSubscribed(topicRoot + "/probe/events");

        long before = channel.acceptedMessages() + channel.rejectedMessages();
        String consume = Dialects.consume(p, "MO-M1", "L-M1", "4000", "g");
        publish(topicRoot + "/cell-1/events", consume);
        publish(topicRoot + "/cell-1/events", consume);
        publish(topicRoot + "/cell-2/events", Dialects.done(p, "MO-M1", "FG-M1", "2"));
        awaitMessagesTaken(before, 3);

        String consumption = p.awaitPostedOf("MO-M1", "mfg.production.material.consumed", 1).get(0);
        p.awaitPostedOf("MO-M1", "mfg.production.order.completed", 1);
        Thread.sleep(500);
        assertThat(p.postedOf("MO-M1", "mfg.production.material.consumed")).as("sent twice, one event").hasSize(1);
        JsonNode event = p.event(consumption);
        assertThat(event.get("event").get("data").get("quantity").decimalValue()).isEqualByComparingTo("4");
        assertThat(event.get("origin").get("channel").asString()).isEqualTo("mqtt");
        assertThat(event.get("origin").get("topic").asString()).isEqualTo(topicRoot + "/cell-1/events");
        assertThat(event.get("origin").get("message").asString()).isEqualTo(consume);
    }

    @Test
    void aMessageThatFailsItsMappingLandsOnTheRejectedTopicWithAPreciseProblem() throws Exception {
        String name = "mqtt-" + p.u.toLowerCase();
        putBinding(name, Dialects.gatewayBinding(p, "mqtt", topicRoot + "/+/events"));
        awaitSubscribed(topicRoot + "/probe/events");
        Mqtt5BlockingClient watcher = TestMosquitto.client("watch-" + p.u);
        try (Mqtt5BlockingClient.Mqtt5Publishes rejected = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("millrace/rejected/" + name).qos(MqttQos.AT_LEAST_ONCE).send();
            String noQuantity = Dialects.done(p, "MO-M2", "FG-M2", "many");

            publish(topicRoot + "/cell-1/events", noQuantity);

            Optional<Mqtt5Publish> received = rejected.receive(30, TimeUnit.SECONDS);
            assertThat(received).as("a refusal on millrace/rejected/" + name).isPresent();
            JsonNode problem = HubHttp.JSON.readTree(received.get().getPayloadAsBytes());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("binding").asString()).isEqualTo(name);
            assertThat(problem.get("message").asString()).isEqualTo(noQuantity);
            assertThat(problem.get("topic").asString()).isEqualTo(topicRoot + "/cell-1/events");
            assertThat(problem.get("errors").get(0).get("message").asString()).contains("cannot be cast to a number (\"many\")");
        } finally {
            watcher.disconnect();
        }
        assertThat(p.journal("MO-M2")).isEmpty();
    }

    @Test
    void cloudEventsArriveInStructuredAndMqtt5BinaryMode() throws Exception {
        awaitSubscribed("millrace/events/line-gw/probe");
        String structuredOrder = "MO-CS-" + p.u;
        String binaryOrder = "MO-CB-" + p.u;
        p.stage(structuredOrder, "L-CS");
        p.stage(binaryOrder, "L-CB");
        String structured = "{\"specversion\":\"1.0\",\"id\":\"ce-" + p.u + "-1\",\"source\":\"urn:millrace:plant:"
                + p.plant + ":mes\",\"type\":\"mfg.production.order.released\",\"time\":\"2026-11-26T08:00:00Z\","
                + "\"plant\":\"" + p.plant + "\",\"data\":{\"orderId\":\"" + structuredOrder + "\",\"item\":\""
                + p.good + "\",\"quantity\":5,\"uom\":\"ea\"}}";

        publish("millrace/events/line-gw/" + p.plant, structured);
        plant.publishWith().topic("millrace/events/line-gw/" + p.plant).qos(MqttQos.AT_LEAST_ONCE)
                .contentType("application/json")
                .userProperties().add("specversion", "1.0").add("id", "ce-" + p.u + "-2")
                .add("source", "urn:millrace:plant:" + p.plant + ":mes").add("type", "mfg.production.order.released")
                .add("time", "2026-11-26T08:00:00Z").add("plant", p.plant).applyUserProperties()
                .payload(("{\"orderId\":\"" + binaryOrder + "\",\"item\":\"" + p.good + "\",\"quantity\":5,"
                        + "\"uom\":\"ea\"}").getBytes(StandardCharsets.UTF_8)).send();

        for (String order : java.util.List.of(structuredOrder, binaryOrder)) {
            String consumed = p.send("mfg.production.material.consumed", "{\"orderId\":\"" + order + "\",\"item\":\""
                    + p.raw + "\",\"lot\":\"" + (order.equals(binaryOrder) ? "L-CB" : "L-CS") + "\",\"quantity\":1,"
                    + "\"uom\":\"kg\",\"location\":\"" + p.line + "\"}");
            p.awaitState(consumed, "POSTED");
        }
    }
}
