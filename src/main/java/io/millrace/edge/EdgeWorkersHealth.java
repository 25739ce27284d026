package io.millrace.edge;

import io.millrace.connectivity.file.FileInbox;
import io.millrace.connectivity.mqtt.MqttChannel;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code workers} of the edge agent in its readiness group, as on the hub: the forwarder, the MQTT
 * channel and the file inbox poller. A stopped forwarder makes the agent DOWN, since events it
 * accepts would then wait at the plant for ever.
 */
final class EdgeWorkersHealth implements HealthIndicator {

    private final ForwardingLoop forwarder;
    private final ObjectProvider<MqttChannel> mqtt;
    private final ObjectProvider<FileInbox> inbox;
    private final Duration inboxStall;

    EdgeWorkersHealth(ForwardingLoop forwarder, ObjectProvider<MqttChannel> mqtt, ObjectProvider<FileInbox> inbox,
                      Duration inboxStall) {
        this.forwarder = forwarder;
        this.mqtt = mqtt;
        this.inbox = inbox;
        this.inboxStall = inboxStall;
    }

    @Override
    public Health health() {
        Map<String, String> workers = new TreeMap<>();
        workers.put("forwarder", forwarder.isRunning() ? "running" : "stopped");
        mqtt.ifAvailable(channel -> workers.put("mqttChannel", channel.isRunning() ? "running" : "stopped"));
        inbox.ifAvailable(files -> workers.put("fileInbox",
                files.sinceLastPoll().compareTo(inboxStall) <= 0 ? "running" : "stopped"));
        boolean noneStopped = workers.values().stream().noneMatch("stopped"::equals);
        return (noneStopped ? Health.up() : Health.down()).withDetails(workers).build();
    }
}
