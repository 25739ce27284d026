package io.millrace.testing;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Mosquitto broker at 127.0.0.1:1883 ({@code MILLRACE_TEST_MQTT_URL} overrides).
 * Tests that need it are skipped when it is unreachable, except under CI ({@code CI=true}), where
 * that is a failure. Tests share the broker, so each uses its own client ids and topics.
 */
public final class TestMosquitto {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 1883;

    private TestMosquitto() {
    }

    public static String url() {
        String url = System.getenv("MILLRACE_TEST_MQTT_URL");
        return url == null || url.isBlank() ? "tcp://" + HOST + ":" + PORT : url;
    }

    public static boolean reachable() {
        java.net.URI uri = java.net.URI.create(url());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? PORT : uri.getPort()), 1000);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /** Skips the calling test when Mosquitto is unreachable, or fails it under CI. */
    public static void require() {
        if (reachable()) {
            return;
        }
        String message = "Mosquitto is not reachable at " + url();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (under CI=true a missing server is a failure)");
        }
        Assumptions.abort(message + ": skipped");
    }

    /** A connected MQTT 5 client with a fresh id (clean session). */
    public static Mqtt5BlockingClient client(String prefix) {
        java.net.URI uri = java.net.URI.create(url());
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(prefix + "-" + UUID.randomUUID())
                .serverHost(uri.getHost()).serverPort(uri.getPort() < 0 ? PORT : uri.getPort()).buildBlocking();
        client.connect();
        return client;
    }
}
