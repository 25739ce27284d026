package io.millrace.observability;

import io.millrace.connectivity.file.FileInbox;
import io.millrace.connectivity.mqtt.MqttChannel;
import io.millrace.pipeline.PipelineDriver;
import io.millrace.pipeline.PipelineSettings;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@code workers} in the health endpoint and its readiness group: every background worker of the
 * hub (the applier, Kafka consumers, the outbox dispatcher and Kafka relay, the ERP connector, the
 * SLA evaluation and backlog samples, the MQTT channel, the file inbox poller), each {@code running},
 * {@code stopped}, or {@code disabled} when configuration switched it off. One stopped worker makes the hub DOWN, so an orchestrator stops sending it
 * traffic instead of letting events pile up unapplied.
 */
final class WorkersHealth implements HealthIndicator {

    private final ListableBeanFactory beans;
    private final ObjectProvider<MqttChannel> mqtt;
    private final ObjectProvider<FileInbox> inbox;
    private final Duration inboxStall;
    private final ObjectProvider<PipelineSettings> pipeline;

    WorkersHealth(ListableBeanFactory beans, ObjectProvider<MqttChannel> mqtt, ObjectProvider<FileInbox> inbox,
                  Duration inboxStall, ObjectProvider<PipelineSettings> pipeline) {
        this.beans = beans;
        this.pipeline = pipeline;
        this.mqtt = mqtt;
        this.inbox = inbox;
        this.inboxStall = inboxStall;
    }

    @Override
    public Health health() {
        Map<String, String> workers = new TreeMap<>();
        // only beans already made: asking for a worker must never start one
        beans.getBeansOfType(SmartLifecycle.class, false, false).forEach((name, bean) -> {
            if (isWorker(bean)) {
                workers.put(name, bean.isRunning() ? "running" : switchedOff(bean) ? "disabled" : "stopped");
            }
        });
        mqtt.ifAvailable(channel -> workers.put("mqttChannel", channel.isRunning() ? "running" : "stopped"));
        inbox.ifAvailable(files -> workers.put("fileInbox",
                files.sinceLastPoll().compareTo(inboxStall) <= 0 ? "running" : "stopped"));
        boolean noneStopped = workers.values().stream().noneMatch("stopped"::equals);
        return (noneStopped ? Health.up() : Health.down()).withDetails(workers).build();
    }

    /** An applier with millrace.pipeline.enabled=false, an SLA evaluation with millrace.sla.enabled=false. */
    private boolean switchedOff(SmartLifecycle bean) {
        if (bean instanceof PipelineDriver) {
            PipelineSettings settings = pipeline.getIfAvailable();
            return settings != null && !settings.enabled();
        }
        return bean instanceof PeriodicTask task && !task.enabled();
    }

    private static boolean isWorker(SmartLifecycle bean) {
        return bean.getClass().getName().startsWith("io.millrace.") || bean instanceof MessageListenerContainer;
    }
}
