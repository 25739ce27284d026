package io.millrace.connectivity;

import io.millrace.MillraceHub;
import io.millrace.testing.EmbeddedDatabases;
import io.millrace.testing.HubHttp;
import io.millrace.testing.TestMosquitto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the connectivity tests: one hub in the test JVM on an embedded database in a file, with
 * the MQTT channel on the machine's Mosquitto (its own client id) and an inbox directory of its
 * own. Tests share the hub, so each works in a plant, bindings and topics of its own.
 */
@SpringBootTest(classes = MillraceHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "millrace.admin-key=" + ConnectivityHub.ADMIN_KEY,
                "millrace.inbox.poll-interval-ms=100",
                "millrace.mqtt.producers[0].name=line-gw",
                "millrace.mqtt.producers[0].sources=*",
                "millrace.mqtt.producers[0].plants=*",
                "millrace.mqtt.producers[0].event-types=*"
        })
abstract class ConnectivityHub {

    static final String ADMIN_KEY = "admin-key-for-connectivity-tests-0123456789";
    static final String CLIENT_ID = "millrace-it-" + UUID.randomUUID();

    private static final String DATABASE = EmbeddedDatabases.fresh("connectivity-it");
    static final Path INBOX = inbox();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("millrace.inbox-dir", INBOX::toString);
        registry.add("millrace.mqtt.url", TestMosquitto::url);
        registry.add("millrace.mqtt.client-id", () -> CLIENT_ID);
        registry.add("millrace.mqtt.session-expiry", () -> "10m");
    }

    @LocalServerPort
    protected int port;

    protected HubHttp http;

    @BeforeEach
    void connect() {
        http = new HubHttp(port);
    }

    private static Path inbox() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "inbox-");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stores a binding and answers the answer's JSON; fails unless it was stored. */
    tools.jackson.databind.JsonNode putBinding(String name, String body) {
        var r = http.send("PUT", "/api/v1/bindings/" + name, ADMIN_KEY, "application/json",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return HubHttp.json(r);
    }

    static String quoted(String text) {
        return HubHttp.JSON.writeValueAsString(text);
    }
}
