package io.millrace.connectivity.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An MQTT 5 session: clean start off, a session expiry, manual acknowledgement. */
final class Mqtt5Connection implements MqttConnection {

    private static final Logger log = LoggerFactory.getLogger(Mqtt5Connection.class);

    private final MqttSettings settings;
    private Mqtt5AsyncClient client;
    private volatile boolean closing;

    Mqtt5Connection(MqttSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(Consumer<Incoming> handler, Executor executor, Runnable onConnected) {
        Mqtt5ClientBuilder builder = Mqtt5Client.builder().identifier(settings.clientId())
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
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> {
            Map<String, String> properties = new LinkedHashMap<>();
            for (Mqtt5UserProperty p : publish.getUserProperties().asList()) {
                properties.put(p.getName().toString().toLowerCase(Locale.ROOT), p.getValue().toString());
            }
            handler.accept(new Incoming(publish.getTopic().toString(), publish.getPayloadAsBytes(),
                    publish.getContentType().map(MqttUtf8String::toString).orElse(null), properties,
                    publish::acknowledge));
        }, executor, true);
        client.connectWith().cleanStart(false).sessionExpiryInterval(settings.sessionExpiry().toSeconds())
                .keepAlive(30).send().whenComplete((ack, failure) -> {
                    if (failure != null) {
                        log.warn("MQTT: cannot connect to {} yet ({}); retrying", settings.url(), failure.getMessage());
                    } else {
                        log.info("MQTT: connected to {} as {} (MQTT 5, session present: {})", settings.url(),
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
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).contentType(contentType).payload(payload)
                .send();
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
