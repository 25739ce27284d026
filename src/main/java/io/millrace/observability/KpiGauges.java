package io.millrace.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key figures of the whole hub over the trailing {@code millrace.kpi.gauge-window} as gauges
 * ({@code millrace_kpi_*} on {@code /actuator/prometheus}). They are computed at most once per
 * {@code refresh}, however often they are scraped; a figure without data reads NaN.
 */
final class KpiGauges {

    private static final Logger LOG = LoggerFactory.getLogger(KpiGauges.class);

    private final KpiQueries queries;
    private final Clock clock;
    private final Duration window;
    private final Duration refresh;
    private volatile Kpis last;
    private volatile long computedAtNanos;

    KpiGauges(KpiQueries queries, Clock clock, Duration window, Duration refresh, MeterRegistry registry) {
        this.queries = queries;
        this.clock = clock;
        this.window = window;
        this.refresh = refresh;
        gauge(registry, "millrace.kpi.sync.latency.seconds", "Accepted to posted, 50th percentile",
                k -> k.synchronisation().acceptedToPosted().p50Seconds(), "measure", "accepted_to_posted", "0.5");
        gauge(registry, "millrace.kpi.sync.latency.seconds", "Accepted to posted, 95th percentile",
                k -> k.synchronisation().acceptedToPosted().p95Seconds(), "measure", "accepted_to_posted", "0.95");
        gauge(registry, "millrace.kpi.sync.latency.seconds", "Posted to delivered into the ERP, 50th percentile",
                k -> k.synchronisation().postedToErp().p50Seconds(), "measure", "posted_to_erp", "0.5");
        gauge(registry, "millrace.kpi.sync.latency.seconds", "Posted to delivered into the ERP, 95th percentile",
                k -> k.synchronisation().postedToErp().p95Seconds(), "measure", "posted_to_erp", "0.95");
        gauge(registry, "millrace.kpi.posting.accuracy", "Share of events posted without an exception",
                k -> k.accuracy().ratio());
        gauge(registry, "millrace.kpi.reconciliation.difference", "Sum of reconciliation differences now",
                k -> k.accuracy().reconciliationDifferenceTotal());
        gauge(registry, "millrace.kpi.exception.resolution.seconds", "Exception resolution time, 50th percentile",
                k -> k.exceptionResolution().p50Seconds(), "quantile", "0.5");
        gauge(registry, "millrace.kpi.exception.resolution.seconds", "Exception resolution time, 95th percentile",
                k -> k.exceptionResolution().p95Seconds(), "quantile", "0.95");
        gauge(registry, "millrace.kpi.exceptions.open", "Exceptions open now",
                k -> BigDecimal.valueOf(k.exceptionResolution().openNow()));
        gauge(registry, "millrace.kpi.inventory.variance", "Count adjustments against inventory value",
                k -> k.inventoryVariance().ratio());
        gauge(registry, "millrace.kpi.close.cycle.seconds", "Month end to close, average of closes in the window",
                k -> k.closeCycle().averageSeconds());
        gauge(registry, "millrace.kpi.outage.seconds", "ERP outage time in the window",
                k -> k.resilience().erp().totalSeconds(), "of", "erp");
        gauge(registry, "millrace.kpi.outage.seconds", "Plant link outage time in the window",
                k -> k.resilience().plantLinks().totalSeconds(), "of", "plant_links");
        gauge(registry, "millrace.kpi.backlog.peak", "Peak of the event backlog in the window",
                k -> k.resilience().events().peak() == null ? null
                        : BigDecimal.valueOf(k.resilience().events().peak()), "backlog", "events");
        gauge(registry, "millrace.kpi.backlog.peak", "Peak of the ERP delivery backlog in the window",
                k -> k.resilience().erpDeliveries().peak() == null ? null
                        : BigDecimal.valueOf(k.resilience().erpDeliveries().peak()), "backlog", "erp");
        gauge(registry, "millrace.kpi.backlog.drain.seconds", "Peak of the event backlog to a tenth of it",
                k -> k.resilience().events().drainSeconds(), "backlog", "events");
        gauge(registry, "millrace.kpi.backlog.drain.seconds", "Peak of the ERP delivery backlog to a tenth of it",
                k -> k.resilience().erpDeliveries().drainSeconds(), "backlog", "erp");
    }

    private void gauge(MeterRegistry registry, String name, String description, Function<Kpis, BigDecimal> figure,
                       String... tags) {
        Gauge.Builder<KpiGauges> builder = Gauge.builder(name, this, g -> g.value(figure)).description(description);
        if (tags.length == 3) {
            builder.tag(tags[0], tags[1]).tag("quantile", tags[2]);
        } else if (tags.length == 2) {
            builder.tag(tags[0], tags[1]);
        }
        builder.register(registry);
    }

    private double value(Function<Kpis, BigDecimal> figure) {
        Kpis kpis = current();
        BigDecimal value = kpis == null ? null : figure.apply(kpis);
        return value == null ? Double.NaN : value.doubleValue();
    }

    private synchronized Kpis current() {
        long nanos = System.nanoTime();
        if (last == null || nanos - computedAtNanos >= refresh.toNanos()) {
            try {
                Instant now = clock.instant();
                last = queries.of(null, now.minus(window), now);
                computedAtNanos = nanos;
            } catch (RuntimeException ex) {
                LOG.warn("computing the key figures failed: {}", ex.toString());
            }
        }
        return last;
    }
}
