package io.millrace.connectivity.mqtt;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The hub's session with the broker, MQTT 5 ({@link Mqtt5Connection}) or 3.1.1
 * ({@link Mqtt3Connection}, for brokers without 5 such as the embedded one): a persistent session
 * with manual acknowledgement, whatever the protocol version.
 */
interface MqttConnection extends AutoCloseable {

    /** A received message; {@code acknowledge} tells the broker it is taken. */
    record Incoming(String topic, byte[] payload, String contentType, Map<String, String> userProperties,
                    Runnable acknowledge) {
    }

    /** Delivers every message on {@code executor}, connects, and reconnects whenever the link drops. */
    void start(Consumer<Incoming> handler, Executor executor, Runnable onConnected);

    boolean connected();

    CompletableFuture<?> subscribe(String topicFilter);

    void unsubscribe(String topicFilter);

    CompletableFuture<?> publish(String topic, byte[] payload, String contentType);

    @Override
    void close();
}
