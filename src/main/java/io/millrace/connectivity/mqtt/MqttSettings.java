package io.millrace.connectivity.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code millrace.mqtt.*}: the broker ({@code url} such as {@code tcp://127.0.0.1:1883}, optional
 * user and password), the client id of the hub's persistent session (one per hub instance), how
 * long the broker keeps the session while the hub is away, and the producers allowed to publish
 * CloudEvents on {@code millrace/events/<producer>/…}. {@code embedded}: run a broker in the hub's
 * process on {@code embedded-port} (the demo without a broker). {@code protocol-version}: 5, or 3
 * (MQTT 3.1.1) for brokers without 5, the embedded one's default.
 */
@ConfigurationProperties("millrace.mqtt")
public record MqttSettings(String url, String user, String password, String clientId, Duration sessionExpiry,
                           List<Producer> producers, boolean embedded, Integer embeddedPort, Integer protocolVersion) {

    public MqttSettings {
        clientId = clientId == null || clientId.isBlank() ? "millrace-hub" : clientId;
        sessionExpiry = sessionExpiry == null ? Duration.ofDays(7) : sessionExpiry;
        producers = producers == null ? List.of() : List.copyOf(producers);
        embeddedPort = embeddedPort == null ? 1883 : embeddedPort;
        protocolVersion = protocolVersion == null ? (embedded ? 3 : 5) : protocolVersion;
    }

    /** A producer of CloudEvents over MQTT and what it may publish ({@code *} = any). */
    public record Producer(String name, List<String> sources, List<String> plants, List<String> eventTypes) {
        public Producer {
            sources = sources == null ? List.of() : List.copyOf(sources);
            plants = plants == null ? List.of() : List.copyOf(plants);
            eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        }
    }

    public String host() {
        return URI.create(url).getHost();
    }

    public int port() {
        int port = URI.create(url).getPort();
        return port < 0 ? 1883 : port;
    }
}
