package io.millrace.connectivity.mqtt;

import io.millrace.connectivity.Binding;
import io.millrace.connectivity.BindingDefinition;
import io.millrace.connectivity.BindingIntake;
import io.millrace.connectivity.LiveBindings;
import io.millrace.connectivity.MessageMapper;
import io.millrace.intake.EventIntake;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The hub's MQTT channel: one persistent session (see {@link MqttConnection}), QoS 1 subscriptions
 * to every MQTT binding's topic and to {@code millrace/events/#}, and manual acknowledgement: a
 * message is acknowledged only once its events are durably accepted or its refusal is published to
 * {@code millrace/rejected/<binding>}. Until then the broker keeps it and delivers it again to the
 * session after a reconnect or a crash, when it is a duplicate if it was accepted already.
 * Messages are taken one at a time on one thread, in the order they arrive.
 */
public final class MqttChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttChannel.class);
    static final String EVENTS = MqttCloudEvents.PREFIX + "#";
    static final String REJECTED = "millrace/rejected/";

    private final LiveBindings bindings;
    private final BindingIntake bindingIntake;
    private final EventIntake intake;
    private final MqttCloudEvents cloudEvents;
    private final Clock clock;
    private final MqttConnection connection;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "millrace-mqtt");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> subscribed = new HashSet<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closing;

    public MqttChannel(MqttSettings settings, LiveBindings bindings, BindingIntake bindingIntake, EventIntake intake,
                       Clock clock) {
        this.bindings = bindings;
        this.bindingIntake = bindingIntake;
        this.intake = intake;
        this.cloudEvents = new MqttCloudEvents(settings.producers());
        this.clock = clock;
        this.connection = settings.protocolVersion() == 3 ? new Mqtt3Connection(settings) : new Mqtt5Connection(settings);
    }

    /** Connects (and keeps reconnecting in the background when the broker is not there yet). */
    public void start() {
        connection.start(this::take, worker, () -> worker.execute(this::resubscribeAll));
        bindings.listen(changed -> worker.execute(() -> resubscribe(changed)));
    }

    /** Whether the channel still takes messages: false once it is closed or its worker has stopped. */
    public boolean isRunning() {
        return !closing && !worker.isShutdown();
    }

    public long acceptedMessages() {
        return accepted.get();
    }

    public long rejectedMessages() {
        return rejected.get();
    }

    private void resubscribeAll() {
        synchronized (subscribed) {
            subscribed.clear();
        }
        resubscribe(bindings.all());
    }

    private void resubscribe(Collection<Binding> live) {
        if (!connection.connected()) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        wanted.add(EVENTS);
        for (Binding b : live) {
            if (b.definition().channel() == BindingDefinition.Channel.MQTT) {
                wanted.add(b.definition().topic());
            }
        }
        synchronized (subscribed) {
            for (String topic : wanted) {
                if (subscribed.add(topic)) {
                    connection.subscribe(topic).whenComplete((ack, failure) -> {
                        if (failure != null) {
                            log.warn("MQTT: subscribing to {} failed: {}", topic, failure.getMessage());
                            synchronized (subscribed) {
                                subscribed.remove(topic);
                            }
                        }
                    });
                }
            }
            for (String topic : new ArrayList<>(subscribed)) {
                if (!wanted.contains(topic)) {
                    subscribed.remove(topic);
                    connection.unsubscribe(topic);
                }
            }
        }
    }

    /** Takes one message; retries while the hub itself fails (database down), acknowledging only at the end. */
    private void take(MqttConnection.Incoming message) {
        long backoff = 100;
        while (!closing) {
            try {
                handle(message);
                message.acknowledge().run();
                return;
            } catch (RuntimeException ex) {
                log.warn("MQTT: message on {} not taken yet ({}); retrying", message.topic(), ex.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void handle(MqttConnection.Incoming message) {
        String topic = message.topic();
        byte[] payload = message.payload();
        if (topic.startsWith(MqttCloudEvents.PREFIX)) {
            try {
                List<FieldError> errors = new ArrayList<>();
                JsonNode event = MqttCloudEvents.read(message, errors);
                intake.accept(List.of(event), false, cloudEvents.producerOf(topic), errors);
                accepted.incrementAndGet();
            } catch (ApiProblem problem) {
                reject("events", topic, payload, problem);
            }
            return;
        }
        Binding binding = bindingFor(topic);
        if (binding == null) {
            reject("unbound", topic, payload, ApiProblem.notFound("No MQTT binding's topic matches '" + topic
                    + "'; nothing was accepted."));
            return;
        }
        try {
            bindingIntake.accept(binding, new MessageMapper.Received("mqtt", topic, null, clock.instant(), payload),
                    BindingIntake.callerOf(binding));
            accepted.incrementAndGet();
        } catch (ApiProblem problem) {
            reject(binding.name(), topic, payload, problem);
        }
    }

    private Binding bindingFor(String topic) {
        for (Binding b : bindings.onChannel(BindingDefinition.Channel.MQTT)) {
            if (TopicFilters.matches(b.definition().topic(), topic)) {
                return b;
            }
        }
        return null;
    }

    /** Publishes the refusal and waits for the broker to have it, so that acknowledging the message loses nothing. */
    private void reject(String name, String topic, byte[] payload, ApiProblem problem) {
        connection.publish(REJECTED + name, RejectedMessages.of(topic, payload, problem), "application/problem+json")
                .orTimeout(30, TimeUnit.SECONDS).join();
        rejected.incrementAndGet();
        log.info("MQTT: message on {} refused to {}{}: {}", topic, REJECTED, name, problem.getMessage());
    }

    @Override
    public void close() {
        closing = true;
        connection.close();
        worker.shutdownNow();
    }
}
