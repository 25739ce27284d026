package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.MillraceHub;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import io.millrace.simulator.TrafficOptions;
import io.millrace.testing.EmbeddedDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo's MQTT plant end to end, as {@code millrace demo} wires it without {@code --mqtt-url}:
 * a broker embedded in the hub, the plant publishing its own dialect, the demo binding mapping it,
 * and the events posting with the raw message in their lineage. Needs nothing installed.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"millrace.admin-key=" + DemoMqttPlantIT.ADMIN_KEY, "millrace.mqtt.embedded=true",
                "millrace.mqtt.client-id=millrace-demo-it"})
class DemoMqttPlantIT {

    static final String ADMIN_KEY = "admin-key-for-the-demo-mqtt-test-0123456789";
    private static final String PLANT = "P100";
    private static final int BROKER_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedDatabases.fresh("demo-mqtt-it"));
        registry.add("millrace.mqtt.embedded-port", () -> BROKER_PORT);
        registry.add("millrace.mqtt.url", () -> "tcp://127.0.0.1:" + BROKER_PORT);
    }

    @LocalServerPort
    int port;

    @Test
    void theDemoPlantsOwnJsonOverTheEmbeddedBrokerPostsWithTheRawMessageInItsLineage() throws Exception {
        HubAdminClient admin = new HubAdminClient("http://127.0.0.1:" + port, ADMIN_KEY);
        String masterJson = DemoCommand.demoMasterData();
        admin.putMasterData(masterJson);
        admin.putBinding("demo-p100", DemoMqttPlant.binding(PLANT));
        PlantTraffic traffic = new PlantTraffic(MasterDataSet.parse(masterJson), List.of(PLANT), 42L,
                Clock.systemUTC(), TrafficOptions.defaults());

        Thread plant = DemoMqttPlant.start("tcp://127.0.0.1:" + BROKER_PORT, PLANT, traffic, 50);
        List<JsonNode> entries;
        try {
            entries = awaitJournalEntries(admin, 5);
        } finally {
            plant.interrupt();
        }

        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("source").asString()).isEqualTo("urn:millrace:plant:P100:gateway");
            assertThat(e.get("actor").asString()).isEqualTo("key:binding:demo-p100");
        });
        JsonNode event = admin.get("/api/v1/events/" + entries.get(0).get("trackingId").asString());
        assertThat(event.get("state").asString()).isEqualTo("POSTED");
        JsonNode origin = event.has("origin") ? event.get("origin") : event.at("/lineage/origin");
        assertThat(origin.get("channel").asString()).isEqualTo("mqtt");
        assertThat(origin.get("binding").asString()).isEqualTo("demo-p100");
        assertThat(origin.get("topic").asString()).isEqualTo("demo/P100/gateway");
        assertThat(origin.get("message").asString()).contains("\"kind\":\"" + event.at("/event/type").asString()
                + "\"").contains("\"ref\":\"" + event.at("/event/id").asString() + "\"");
    }

    /** The plant's journal entries once there are at least {@code wanted}: the events went all the way to the books. */
    private static List<JsonNode> awaitJournalEntries(HubAdminClient admin, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<JsonNode> entries = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            entries.clear();
            admin.get("/api/v1/ledger/journal?plant=" + PLANT + "&limit=50").get("entries").forEach(entries::add);
            if (entries.size() >= wanted) {
                return entries;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + entries.size() + " journal entries of plant " + PLANT + " after 120 s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
