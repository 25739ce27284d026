package io.millrace.connectivity.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * An MQTT broker (Moquette, MQTT 3.1.1) in the hub's process on 127.0.0.1, for the demo when no
 * broker is given. It keeps sessions in memory: a real deployment uses the plant's broker.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private final Server server;
    private final int port;

    private EmbeddedMqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedMqttBroker start(int port) {
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (IOException ex) {
            throw new UncheckedIOException("the embedded MQTT broker did not start on port " + port, ex);
        }
        return new EmbeddedMqttBroker(server, port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
