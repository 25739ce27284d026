package io.millrace.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The edge agent's gauges on {@code /actuator/prometheus}: {@code millrace_edge_backlog} (accepted,
 * not yet at the hub), {@code millrace_edge_oldest_unsent_seconds}, {@code millrace_edge_forwarded},
 * {@code millrace_edge_rejected} and {@code millrace_edge_hub_reachable} (1 or 0). One scrape reads
 * the status once.
 */
final class EdgeMetrics implements MeterBinder {

    private static final long FRESH_MILLIS = 1_000;

    private final EdgeReports reports;
    private EdgeStatus last;
    private long readAt;

    EdgeMetrics(EdgeReports reports) {
        this.reports = reports;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "millrace.edge.backlog", "Accepted events not yet at the hub", s -> s.backlog());
        gauge(registry, "millrace.edge.oldest.unsent.seconds", "How long the oldest event not yet at the hub waits",
                s -> s.oldestUnsent() == null ? 0 : s.oldestUnsent().waitingSeconds());
        gauge(registry, "millrace.edge.forwarded", "Events the hub has from this edge agent", s -> s.forwarded());
        gauge(registry, "millrace.edge.rejected", "Events the hub refused for good, kept in the rejected list",
                s -> s.rejected());
        gauge(registry, "millrace.edge.hub.reachable", "1 when the hub answered the last request, else 0",
                s -> s.hub().reachable() ? 1 : 0);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<EdgeStatus> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.status())).description(description).register(registry);
    }

    private synchronized EdgeStatus status() {
        long now = System.currentTimeMillis();
        if (last == null || now - readAt > FRESH_MILLIS) {
            last = reports.status();
            readAt = now;
        }
        return last;
    }
}
