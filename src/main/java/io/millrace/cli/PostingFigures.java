package io.millrace.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the pipeline itself recorded about the events after a position: when each was accepted
 * ({@code event_log.accepted_at}) and when the applier decided to post it (the POSTED step of its
 * lineage), plus the acceptance-to-commit timer {@code millrace.posting.latency.accepted} the
 * pipeline keeps in Micrometer (histogram buckets, so those percentiles are upper bounds).
 */
final class PostingFigures {

    static final String TIMER = "millrace.posting.latency.accepted";

    /** Latencies in microseconds, ascending; the window from the first acceptance to the last posting. */
    record Figures(long[] latencyMicros, Instant firstAccepted, Instant lastAccepted, Instant lastPosted) {

        int posted() {
            return latencyMicros.length;
        }

        double endToEndPerSecond() {
            return posted() / seconds(firstAccepted, lastPosted);
        }

        double acceptedPerSecond() {
            return posted() / seconds(firstAccepted, lastAccepted);
        }

        String latencies() {
            return String.format(Locale.ROOT, "p50 %s, p95 %s, p99 %s, max %s",
                    ms(BenchSupport.percentile(latencyMicros, 0.50)), ms(BenchSupport.percentile(latencyMicros, 0.95)),
                    ms(BenchSupport.percentile(latencyMicros, 0.99)), ms(latencyMicros[latencyMicros.length - 1]));
        }

        private static double seconds(Instant from, Instant to) {
            return Math.max(1, Duration.between(from, to).toNanos()) / 1e9;
        }
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;

    PostingFigures(DataSource dataSource, MeterRegistry registry) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.registry = registry;
    }

    long lastPosition() {
        Long last = jdbc.queryForObject("SELECT COALESCE(MAX(position), 0) FROM event_log", Long.class);
        return last == null ? 0 : last;
    }

    /** The posted events accepted after {@code position}. */
    Figures after(long position) {
        List<Instant[]> rows = jdbc.query("SELECT e.accepted_at, s.at FROM event_log e JOIN pipeline_step s "
                        + "ON s.tracking_id = e.tracking_id AND s.step = 'POSTED' WHERE e.position > ?",
                (rs, n) -> new Instant[] {rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()}, position);
        if (rows.isEmpty()) {
            throw new IllegalStateException("no event accepted after position " + position + " was posted");
        }
        long[] micros = new long[rows.size()];
        Instant firstAccepted = Instant.MAX;
        Instant lastAccepted = Instant.MIN;
        Instant lastPosted = Instant.MIN;
        for (int i = 0; i < micros.length; i++) {
            Instant accepted = rows.get(i)[0];
            Instant posted = rows.get(i)[1];
            micros[i] = Math.max(0, Duration.between(accepted, posted).toNanos() / 1000);
            firstAccepted = accepted.isBefore(firstAccepted) ? accepted : firstAccepted;
            lastAccepted = accepted.isAfter(lastAccepted) ? accepted : lastAccepted;
            lastPosted = posted.isAfter(lastPosted) ? posted : lastPosted;
        }
        Arrays.sort(micros);
        return new Figures(micros, firstAccepted, lastAccepted, lastPosted);
    }

    /**
     * Waits (a few seconds at most) until the timer counted {@code posted} events: the pipeline
     * records it just after its transaction commits, a moment after the backlog shows the events.
     */
    void awaitTimerCounted(long posted) throws InterruptedException {
        for (int i = 0; i < 250 && timerCount() < posted; i++) {
            Thread.sleep(20);
        }
    }

    private long timerCount() {
        return registry.find(TIMER).timers().stream().mapToLong(Timer::count).sum();
    }

    /**
     * The timer's cumulative histogram, summed over its plant and type tags: bucket bound (ns) to
     * count; {@code Double.POSITIVE_INFINITY} holds the total, including samples above the last bound.
     */
    TreeMap<Double, Long> commitHistogram() {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (Timer timer : registry.find(TIMER).timers()) {
            for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.NANOSECONDS), (long) bucket.count(), Long::sum);
            }
            buckets.merge(Double.POSITIVE_INFINITY, timer.count(), Long::sum);
        }
        return buckets;
    }

    /** Upper bounds of p50, p99 and the maximum of the timer between two {@link #commitHistogram()} reads. */
    static String commitLatencies(TreeMap<Double, Long> before, TreeMap<Double, Long> after) {
        List<double[]> delta = new ArrayList<>();
        after.forEach((bound, count) -> delta.add(new double[] {bound, count - before.getOrDefault(bound, 0L)}));
        if (delta.isEmpty() || delta.get(delta.size() - 1)[1] <= 0) {
            return "no samples";
        }
        double total = delta.get(delta.size() - 1)[1];
        return String.format(Locale.ROOT, "p50 %s, p99 %s, max %s (%,.0f samples)",
                bound(delta, total * 0.50), bound(delta, total * 0.99), bound(delta, total), total);
    }

    private static String bound(List<double[]> cumulative, double rank) {
        double lastBound = 0;
        for (double[] bucket : cumulative) {
            if (bucket[1] >= rank) {
                return Double.isInfinite(bucket[0]) ? "> " + ms((long) (lastBound / 1000)) : "<= " + ms((long) (bucket[0] / 1000));
            }
            lastBound = Double.isInfinite(bucket[0]) ? lastBound : bucket[0];
        }
        return "> " + ms((long) (lastBound / 1000));
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
