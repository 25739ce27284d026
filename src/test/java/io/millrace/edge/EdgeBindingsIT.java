package io.millrace.edge;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TestMosquitto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A plant uses the hub's bindings at its edge agent, with the hub down: binding files checked
 * against the edge agent's catalog, then a plant dialect over HTTP ingest, a CSV file in the inbox
 * and JSON over MQTT, each mapped and kept for forwarding like any event the edge agent accepts.
 */
@SpringBootTest(classes = MillraceEdge.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.edge.hub=http://127.0.0.1:9",
                "millrace.edge.key=" + EdgeBindingsIT.KEY,
                "millrace.edge.max-backoff=1s",
                "millrace.inbox.poll-interval-ms=100",
                "millrace.bindings.poll-interval-ms=200",
                "millrace.mqtt.session-expiry=1m",
                "spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor},classpath:db/edge"
        })
class EdgeBindingsIT {

    static final String KEY = "mr_edge-bindings-test-key-0123456789";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String MAPPING = "{'type': 'mfg.production.material.consumed', 'id': message.ref, "
            + "'time': message.at, 'subject': message.wo, 'data': {'orderId': message.wo, 'item': message.mat, "
            + "'lot': message.batch, 'quantity': $number(message.qty), 'uom': message.unit, 'location': 'P100-LINE'}}";
    private static final Path DATA_DIR = dataDirWithKnownKey();
    private static final Path BINDINGS = DATA_DIR.resolve("bindings");
    private static final Path INBOX = DATA_DIR.resolve("inbox");

    /** The hub described the key in an earlier run (plant P100); the bindings lie in their folder. */
    private static Path dataDirWithKnownKey() {
        try {
            Path dir = Files.createTempDirectory("edge-bindings");
            Files.writeString(dir.resolve(HubKey.FILE), "{\"keyId\":\"k-plant\",\"name\":\"plant\",\"role\":\"producer\","
                    + "\"sources\":[\"*\"],\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}");
            Path bindings = Files.createDirectories(dir.resolve("bindings"));
            Files.writeString(bindings.resolve("line-http.json"), binding("http", null, "json"));
            Files.writeString(bindings.resolve("wms-files.json"), binding("file", "wms", "csv"));
            Files.writeString(bindings.resolve("line-mqtt.json"), binding("mqtt", "edge-it/" + RUN + "/+/events",
                    "json"));
            Files.writeString(bindings.resolve("unknown-type.json"), binding("http", null, "json")
                    .replace("mfg.production.material.consumed", "mfg.production.material.teleported"));
            return dir;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String binding(String channel, String topic, String format) {
        return "{\"channel\":\"" + channel + "\"," + (topic == null ? "" : "\"topic\":\"" + topic + "\",")
                + "\"format\":\"" + format + "\",\"source\":\"urn:millrace:plant:P100:" + channel + "\","
                + "\"plants\":[\"P100\"],\"eventTypes\":[\"mfg.production.material.consumed\"],"
                + "\"mapping\":" + HubHttp.JSON.writeValueAsString(MAPPING) + "}";
    }

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedDatabases.fresh("edge-bindings-it"));
        registry.add("millrace.edge.data-dir", DATA_DIR::toString);
        registry.add("millrace.bindings.dir", BINDINGS::toString);
        registry.add("millrace.inbox-dir", INBOX::toString);
        registry.add("millrace.mqtt.url", TestMosquitto::url);
        registry.add("millrace.mqtt.client-id", () -> "millrace-edge-it-" + RUN);
    }

    @LocalServerPort
    int port;

    private HubHttp http;

    @BeforeEach
    void connect() {
        http = new HubHttp(port);
    }

    private long accepted() {
        return json(http.get("/api/v1/edge/status", KEY)).get("accepted").asLong();
    }

    private static String message(String ref, String qty) {
        return "{\"ref\":\"" + ref + "\",\"wo\":\"MO-E1\",\"mat\":\"RM-STEEL\",\"batch\":\"L-E1\",\"qty\":\"" + qty
                + "\",\"unit\":\"kg\",\"at\":\"2026-11-26T09:00:00Z\"}";
    }

    @Test
    void listsTheBindingFilesThatPassTheEdgeCatalogAndLeavesOutTheOneNamingAnUnknownType() {
        JsonNode listed = json(http.get("/api/v1/catalog/bindings", KEY)).get("bindings");

        List<String> names = new ArrayList<>();
        listed.forEach(b -> names.add(b.get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("line-http", "line-mqtt", "wms-files");
        assertThat(listed.get(0).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void mapsAPlantMessageSentToTheIngestEndpointAndKeepsTheEventForForwarding() {
        long before = accepted();

        HttpResponse<String> sent = http.post("/api/v1/ingest/line-http", KEY, "application/json",
                message("http-" + RUN, "2.5"));
        HttpResponse<String> again = http.post("/api/v1/ingest/line-http", KEY, "application/json",
                message("http-" + RUN, "2.5"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(json(again).at("/receipts/0/status").asString()).isEqualTo("DUPLICATE");
        JsonNode found = json(http.get("/api/v1/events/" + json(sent).at("/receipts/0/trackingId").asString(), KEY));
        assertThat(found.get("state").asString()).isEqualTo("PENDING");
        assertThat(found.at("/event/source").asString()).isEqualTo("urn:millrace:plant:P100:http");
        assertThat(found.at("/event/plant").asString()).isEqualTo("P100");
        assertThat(found.at("/event/data/quantity").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(found.at("/origin/channel").asString()).isEqualTo("http");
        assertThat(found.at("/origin/binding").asString()).isEqualTo("line-http");
        assertThat(found.at("/origin/message").asString()).contains("\"ref\":\"http-" + RUN + "\"");
        assertThat(accepted()).isEqualTo(before + 1);
    }

    @Test
    void refusesAMessageThatFailsItsMappingAtTheEdgeWithThePointer() {
        long before = accepted();

        HttpResponse<String> refused = http.post("/api/v1/ingest/line-http", KEY, "application/json",
                message("bad-" + RUN, "2.5").replace("\"wo\":\"MO-E1\",", ""));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("/data/orderId");
        assertThat(accepted()).isEqualTo(before);
    }

    @Test
    void acceptsACsvFileFromTheInboxAsOneBatch() throws Exception {
        long before = accepted();
        Path folder = Files.createDirectories(INBOX.resolve("wms"));
        Path part = folder.resolve("counts-" + RUN + ".csv.part");
        Files.writeString(part, "ref,wo,mat,batch,qty,unit,at\n"
                + "csv-" + RUN + "-1,MO-E1,RM-STEEL,L-E1,1.5,kg,2026-11-26T09:00:00Z\n"
                + "csv-" + RUN + "-2,MO-E1,RM-STEEL,L-E1,3,kg,2026-11-26T09:05:00Z\n");
        Files.move(part, folder.resolve("counts-" + RUN + ".csv"));

        await(() -> Files.exists(folder.resolve("processed").resolve("counts-" + RUN + ".csv")),
                "the file was not processed");
        assertThat(accepted()).isEqualTo(before + 2);
    }

    @Test
    void acceptsAPlantDialectOverMqtt() throws Exception {
        TestMosquitto.require();
        long before = accepted();
        Mqtt5BlockingClient plant = TestMosquitto.client("edge-plant-" + RUN);
        try {
            // the edge agent subscribes once connected; the plant publishes until the first message is taken
            String topic = "edge-it/" + RUN + "/line-1/events";
            await(() -> {
                plant.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(message("mqtt-" + RUN, "4").getBytes(StandardCharsets.UTF_8)).send();
                sleep(300);
                return accepted() > before;
            }, "the edge agent took no MQTT message");
        } finally {
            plant.disconnect();
        }
        sleep(1000);
        assertThat(accepted()).as("the same message sent again is a duplicate").isEqualTo(before + 1);
    }

    private static void await(BooleanSupplier done, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
