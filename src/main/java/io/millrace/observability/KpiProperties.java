package io.millrace.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code millrace.kpi.*}: the trailing window of the {@code millrace_kpi_*} gauges and how often
 * they are recomputed, how often the backlogs are sampled, and how much later than it happened an
 * event must reach the hub to count as sent across a plant link outage.
 */
@ConfigurationProperties("millrace.kpi")
public record KpiProperties(@DefaultValue("24h") Duration gaugeWindow,
                            @DefaultValue("1m") Duration gaugeRefresh,
                            @DefaultValue("30s") Duration sampleEvery,
                            @DefaultValue("5m") Duration linkOutageThreshold) {
}
