package io.millrace.observability;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code millrace.sla.*}: the latency thresholds of every plant and flow (event type), with
 * overrides for some. A flow is late when its slowest event completed within {@code window}, or
 * its oldest event still waiting, took longer than the threshold. {@code evaluateEvery} is how
 * often the hub looks.
 */
@ConfigurationProperties("millrace.sla")
public record SlaProperties(@DefaultValue("true") boolean enabled,
                            @DefaultValue("30s") Duration evaluateEvery,
                            @DefaultValue("5m") Duration window,
                            @DefaultValue("2m") Duration posting,
                            @DefaultValue("15m") Duration erpDelivery,
                            List<Override> overrides) {

    public SlaProperties {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        requirePositive(evaluateEvery, "evaluate-every");
        requirePositive(window, "window");
        requirePositive(posting, "posting");
        requirePositive(erpDelivery, "erp-delivery");
        for (Override o : overrides) {
            if (o.posting() != null) {
                requirePositive(o.posting(), "overrides[].posting");
            }
            if (o.erpDelivery() != null) {
                requirePositive(o.erpDelivery(), "overrides[].erp-delivery");
            }
        }
    }

    /** The defaults with these overrides. */
    public static SlaProperties of(Duration posting, Duration erpDelivery, List<Override> overrides) {
        return new SlaProperties(true, Duration.ofSeconds(30), Duration.ofMinutes(5), posting, erpDelivery,
                overrides);
    }

    /**
     * One override: {@code plant} and {@code flow} (an event type) narrow it, either may be left out
     * (or {@code *}) to mean all; a threshold left out keeps the one it overrides.
     */
    public record Override(String plant, String flow, Duration posting, Duration erpDelivery) {

        boolean matches(String p, String f) {
            return any(plant) || plant.equals(p) ? any(flow) || flow.equals(f) : false;
        }

        /** Plant and flow beat plant alone, which beats flow alone. */
        int specificity() {
            return (any(plant) ? 0 : 2) + (any(flow) ? 0 : 1);
        }

        Duration threshold(SlaMeasure measure) {
            return measure == SlaMeasure.ACCEPTED_TO_POSTED ? posting : erpDelivery;
        }

        private static boolean any(String value) {
            return value == null || value.isBlank() || value.equals("*");
        }
    }

    /** The threshold of {@code measure} for this plant and flow: the most specific override that sets it. */
    public Duration threshold(SlaMeasure measure, String plant, String flow) {
        Duration found = measure == SlaMeasure.ACCEPTED_TO_POSTED ? posting : erpDelivery;
        int best = -1;
        for (Override o : overrides) {
            Duration t = o.threshold(measure);
            if (t != null && o.matches(plant, flow) && o.specificity() > best) {
                found = t;
                best = o.specificity();
            }
        }
        return found;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("millrace.sla." + name + " must be a positive duration: " + d);
        }
    }
}
