package io.millrace.connectivity.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 session (clean session off, manual acknowledgement) for brokers without MQTT 5:
 * no content type and no user properties, so CloudEvents arrive in structured mode only.
 */
final class Mqtt3Connection implements MqttConnection {

    private static final Logger log = LoggerFactory.getLogger(Mqtt3Connection.class);

    private final MqttSettings settings;
    private Mqtt3AsyncClient client;
    private volatile boolean closing;

    Mqtt3Connection(MqttSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(Consumer<Incoming> handler, Executor executor, Runnable onConnected) {
        Mqtt3ClientBuilder builder = Mqtt3Client.builder().identifier(settings.clientId())
                .serverHost(settings.host()).serverPort(settings.port())
                .automaticReconnectWithDefaultConfig()
                .addConnectedListener(context -> onConnected.run())
                .addDisconnectedListener(context -> {
                    if (!closing) {
                        log.warn("MQTT: disconnected from {} ({}); reconnecting", settings.url(),
                                context.getCause().getMessage());
                    }
                });
        if (settings.user() != null && !settings.user().isBlank()) {
            builder = builder.simpleAuth().username(settings.user()).password(settings.password() == null
                    ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        client = builder.buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> handler.accept(new Incoming(
                publish.getTopic().toString(), publish.getPayloadAsBytes(), null, Map.of(), publish::acknowledge)),
                executor, true);
        client.connectWith().cleanSession(false).keepAlive(30).send().whenComplete((ack, failure) -> {
            if (failure != null) {
                log.warn("MQTT: cannot connect to {} yet ({}); retrying", settings.url(), failure.getMessage());
            } else {
                log.info("MQTT: connected to {} as {} (MQTT 3.1.1, session present: {})", settings.url(),
                        settings.clientId(), ack.isSessionPresent());
            }
        });
    }

    @Override
    public boolean connected() {
        return client.getState().isConnected();
    }

    @Override
    public CompletableFuture<?> subscribe(String topicFilter) {
        return client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @Override
    public void unsubscribe(String topicFilter) {
        client.unsubscribeWith().topicFilter(topicFilter).send();
    }

    @Override
    public CompletableFuture<?> publish(String topic, byte[] payload, String contentType) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    @Override
    public void close() {
        closing = true;
        try {
            client.disconnect().orTimeout(5, TimeUnit.SECONDS).join();
        } catch (RuntimeException ignored) {
            // the broker keeps the session; unacknowledged messages come again
        }
    }
}
