package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.millrace.testing.HubHttp;
import io.millrace.testing.HubProcess;
import io.millrace.testing.TestMosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real hub process killed with SIGKILL while a plant publishes mapped messages to its MQTT
 * binding: after a restart on the same data and the same persistent session, every message the
 * broker acknowledged to the plant is accepted, exactly once.
 */
class MqttCrashIT {

    private static final String ADMIN_KEY = "admin-key-for-mqtt-crash-0123456789abcdef";
    /** Below Mosquitto's default max_queued_messages (1000) per offline session, which would drop the rest. */
    private static final int MESSAGES = 600;

    @TempDir
    Path dir;

    private static long accepted(HubHttp http) {
        JsonNode b = HubHttp.json(http.get("/api/v1/pipeline/backlog", ADMIN_KEY));
        return b.get("pending").asLong() + b.get("parked").asLong() + b.get("exceptions").asLong()
                + b.get("posted").asLong();
    }

    @Test
    void aHubKilledWhileMessagesAreInFlightLosesNoneTheBrokerAcknowledged() throws Exception {
        TestMosquitto.require();
        String u = UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/crash-" + u + "/counts";
        List<String> options = List.of("--mqtt-url", TestMosquitto.url(), "--mqtt-client-id", "millrace-crash-" + u);
        HubProcess hub = HubProcess.start(dir.resolve("hub"), ADMIN_KEY, null, options);
        Mqtt5BlockingClient plant = null;
        try {
            String mapping = "{'type': 'mfg.production.order.completed', 'id': 'count-' & message.n, 'time': "
                    + "'2026-11-26T08:00:00Z', 'data': {'orderId': 'MO-C', 'item': 'FG-C', 'lot': 'L-C', 'quantity': 1,"
                    + " 'uom': 'ea', 'location': 'P-C-FG'}}";
            var put = hub.http().send("PUT", "/api/v1/bindings/crash", ADMIN_KEY, "application/json",
                    ("{\"channel\":\"mqtt\",\"topic\":\"" + topic + "\",\"format\":\"json\",\"source\":"
                            + "\"urn:millrace:plant:PC:gw\",\"plants\":[\"PC\"],\"eventTypes\":[\"*\"],\"mapping\":"
                            + ConnectivityHub.quoted(mapping) + "}").getBytes(StandardCharsets.UTF_8));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            Thread.sleep(3000); // the binding's subscription

            plant = TestMosquitto.client("crash-plant-" + u);
            boolean killed = false;
            for (int n = 1; n <= MESSAGES; n++) {
                // a QoS 1 publish returns when the broker acknowledged it
                plant.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)).send();
                if (n == MESSAGES / 2) {
                    // on a loaded machine the hub may not have taken any yet: kill it once it has, mid-stream
                    long taking = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (accepted(hub.http()) == 0 && System.nanoTime() < taking) {
                        Thread.sleep(20);
                    }
                    long before = accepted(hub.http());
                    hub.kill();
                    killed = true;
                    assertThat(before).as("accepted when killed, of " + n + " published").isPositive();
                }
            }
            assertThat(killed).as("the hub was killed while messages were in flight").isTrue();

            hub = HubProcess.start(dir.resolve("hub"), ADMIN_KEY, null, options);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (accepted(hub.http()) < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(accepted(hub.http())).as("every acknowledged message accepted").isEqualTo(MESSAGES);
            Thread.sleep(1000);
            assertThat(accepted(hub.http())).as("and none twice").isEqualTo(MESSAGES);
        } finally {
            if (plant != null) {
                plant.disconnect();
            }
            hub.stop();
        }
    }
}
