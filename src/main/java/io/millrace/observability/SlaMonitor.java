package io.millrace.observability;

import io.millrace.observability.FlowLatency.FlowKey;
import io.millrace.observability.SlaBreaches.Breach;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.SlaAlertEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares every plant's flows with their thresholds and raises a business alert when one is
 * breached, and clears it when the flow is back within its threshold (or has nothing completed
 * in the window and nothing waiting). Each alert is written to the outbox in the transaction that
 * records the breach, so subscribers get exactly one raised and one cleared event per breach.
 */
public final class SlaMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);

    private final FlowLatencies latencies;
    private final SlaBreaches breaches;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final SlaProperties settings;
    private final Clock clock;

    SlaMonitor(FlowLatencies latencies, SlaBreaches breaches, Outbox outbox, TransactionTemplate transactions,
               SlaProperties settings, Clock clock) {
        this.latencies = latencies;
        this.breaches = breaches;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Looks once: raises what is newly breached, clears what recovered. */
    public void evaluate() {
        Instant now = clock.instant();
        Map<FlowKey, FlowLatency> current = latencies.current(now, settings.window());
        Map<FlowKey, Breach> open = breaches.open();
        for (FlowLatency latency : current.values()) {
            Duration threshold = threshold(latency.key());
            if (latency.latency().compareTo(threshold) > 0 && !open.containsKey(latency.key())) {
                transactions.executeWithoutResult(tx -> {
                    if (breaches.raise(latency.key(), now, latency.latency(), threshold)) {
                        outbox.enqueue(List.of(SlaAlertEvents.raised(latency.lateness(), threshold, now)));
                        LOG.warn("SLA breached: plant {} flow {} {} took {} (threshold {})", latency.plant(),
                                latency.flow(), latency.measure(), latency.latency(), threshold);
                    }
                });
            }
        }
        for (Map.Entry<FlowKey, Breach> breach : open.entrySet()) {
            FlowKey key = breach.getKey();
            FlowLatency latency = current.getOrDefault(key, FlowLatency.none(key));
            Duration threshold = threshold(key);
            if (latency.latency().compareTo(threshold) <= 0) {
                transactions.executeWithoutResult(tx -> {
                    if (breaches.clear(key)) {
                        outbox.enqueue(List.of(SlaAlertEvents.cleared(latency.lateness(), threshold,
                                breach.getValue().raisedAt(), now)));
                        LOG.info("SLA recovered: plant {} flow {} {} takes {} (threshold {})", key.plant(),
                                key.flow(), key.measure(), latency.latency(), threshold);
                    }
                });
            }
        }
    }

    /** The breaches open now, for the console and the metrics. */
    public List<OpenBreach> openBreaches() {
        return breaches.open().entrySet().stream()
                .map(e -> new OpenBreach(e.getKey().plant(), e.getKey().flow(), e.getKey().measure(),
                        e.getValue().raisedAt(), e.getValue().latency(), e.getValue().threshold()))
                .toList();
    }

    /** The latency of every plant's flows now, with its threshold. */
    public List<FlowStatus> flows() {
        return latencies.current(clock.instant(), settings.window()).values().stream()
                .map(l -> new FlowStatus(l, threshold(l.key())))
                .toList();
    }

    private Duration threshold(FlowKey key) {
        return settings.threshold(key.measure(), key.plant(), key.flow());
    }

    /** A breach open now. */
    public record OpenBreach(String plant, String flow, SlaMeasure measure, Instant raisedAt, Duration latencyThen,
                             Duration threshold) {
    }

    /** A flow's latency now and its threshold. */
    public record FlowStatus(FlowLatency latency, Duration threshold) {
        public boolean breached() {
            return latency.latency().compareTo(threshold) > 0;
        }
    }
}
