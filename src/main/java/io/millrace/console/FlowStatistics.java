package io.millrace.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The overview's read model: rate, backlog, latency and exceptions per plant and flow (event
 * type), channel health per source and the ERP's delivery lag per plant. Every query is bounded:
 * the event window is the latest {@link #WINDOW_EVENTS} events by position (the primary key) and
 * no older than {@link #WINDOW}, so the overview costs the same on a log of a billion events.
 */
final class FlowStatistics {

    static final Duration WINDOW = Duration.ofHours(6);
    static final int WINDOW_EVENTS = 20_000;
    /** Chart buckets: fine while the window is short (a hub that just started), coarser over hours. */
    static Duration bucketFor(Duration span) {
        if (span.compareTo(Duration.ofHours(1)) <= 0) {
            return Duration.ofMinutes(1);
        }
        return span.compareTo(Duration.ofHours(3)) <= 0 ? Duration.ofMinutes(5) : Duration.ofMinutes(10);
    }
    /** A source that sent nothing for this long is shown as quiet. */
    static final Duration QUIET_AFTER = Duration.ofMinutes(5);

    record Flow(String plant, String type, long lastHour, double perMinute, long backlog, Double p50Seconds,
                Double p95Seconds, long openExceptions) {
    }

    /** One plant at a glance: its flows summed, latency over all its events. */
    record Plant(String plant, long lastHour, double perMinute, long backlog, Double p95Seconds, long openExceptions,
                 int flows, int channels, int quietChannels) {
    }

    record Channel(String source, String plant, long lastHour, Instant lastSeen, boolean quiet) {
    }

    record ErpLag(String plant, long pending, long refused, Double oldestPendingSeconds) {
    }

    /** Parallel arrays for the chart: bucket start (epoch seconds), events per minute, p95 latency in seconds. */
    record Series(long bucketSeconds, List<Long> times, List<Double> perMinute, List<Double> p95Seconds) {
    }

    record Overview(Instant at, List<Plant> plants, List<Flow> flows, List<Channel> channels, List<ErpLag> erp, Series series,
                    long windowEvents) {
    }

    private record Row(String plant, String type, String source, Instant acceptedAt, String state, Instant postedAt) {
        Double latencySeconds() {
            return postedAt == null ? null : Math.max(0, Duration.between(acceptedAt, postedAt).toMillis()) / 1000.0;
        }
    }

    /** Every open overview polls: within this time they share one reading. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Overview last;

    FlowStatistics(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    Overview overview() {
        Overview cached = last;
        if (cached != null && clock.instant().isBefore(cached.at().plus(FRESH_FOR))) {
            return cached;
        }
        last = read();
        return last;
    }

    private Overview read() {
        Instant now = clock.instant();
        List<Row> rows = window(now);
        List<Flow> flows = flows(rows, now);
        List<Channel> channels = channels(rows, now);
        return new Overview(now, plants(rows, flows, channels, now), flows, channels, erpLag(now), series(rows, now),
                rows.size());
    }

    private List<Row> window(Instant now) {
        Long head = jdbc.queryForObject("SELECT MAX(position) FROM event_log", Long.class);
        if (head == null) {
            return List.of();
        }
        return jdbc.query("SELECT e.plant, e.type, e.source, e.accepted_at, e.state, "
                        + "(SELECT MIN(s.at) FROM pipeline_step s WHERE s.tracking_id = e.tracking_id "
                        + "AND s.step = 'POSTED') FROM event_log e WHERE e.position > ? AND e.accepted_at >= ?",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), rs.getString(5),
                        instant(rs, 6)), head - WINDOW_EVENTS, utc(now.minus(WINDOW)));
    }

    private List<Flow> flows(List<Row> rows, Instant now) {
        Map<String, List<Row>> byFlow = new TreeMap<>();
        for (Row r : rows) {
            byFlow.computeIfAbsent(r.plant() + "\u0000" + r.type(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Long> open = new TreeMap<>();
        jdbc.query("SELECT plant, type, COUNT(*) FROM pipeline_exception WHERE status = 'OPEN' GROUP BY plant, type",
                (ResultSet rs) -> {
                    open.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getLong(3));
                });
        for (String key : open.keySet()) {
            byFlow.computeIfAbsent(key, k -> new ArrayList<>());
        }
        Instant hourAgo = now.minus(Duration.ofHours(1));
        double minutes = rateMinutes(rows, now);
        List<Flow> flows = new ArrayList<>();
        byFlow.forEach((key, list) -> {
            String[] parts = key.split("\u0000", 2);
            long lastHour = list.stream().filter(r -> !r.acceptedAt().isBefore(hourAgo)).count();
            long backlog = list.stream().filter(r -> r.state().equals("PENDING") || r.state().equals("PARKED")).count();
            List<Double> latencies = list.stream().map(Row::latencySeconds).filter(java.util.Objects::nonNull)
                    .sorted().toList();
            flows.add(new Flow(parts[0], parts[1], lastHour, lastHour / minutes, backlog, percentile(latencies, 0.50),
                    percentile(latencies, 0.95), open.getOrDefault(key, 0L)));
        });
        return flows;
    }

    private static List<Plant> plants(List<Row> rows, List<Flow> flows, List<Channel> channels, Instant now) {
        Map<String, List<Double>> latencies = new TreeMap<>();
        rows.forEach(r -> {
            List<Double> list = latencies.computeIfAbsent(r.plant(), k -> new ArrayList<>());
            if (r.latencySeconds() != null) {
                list.add(r.latencySeconds());
            }
        });
        flows.forEach(f -> latencies.computeIfAbsent(f.plant(), k -> new ArrayList<>()));
        double minutes = rateMinutes(rows, now);
        List<Plant> plants = new ArrayList<>();
        latencies.forEach((plant, list) -> {
            List<Flow> own = flows.stream().filter(f -> f.plant().equals(plant)).toList();
            List<Channel> sources = channels.stream().filter(c -> plant.equals(c.plant())).toList();
            list.sort(Comparator.naturalOrder());
            long lastHour = own.stream().mapToLong(Flow::lastHour).sum();
            plants.add(new Plant(plant, lastHour, lastHour / minutes, own.stream().mapToLong(Flow::backlog).sum(),
                    percentile(list, 0.95), own.stream().mapToLong(Flow::openExceptions).sum(), own.size(),
                    sources.size(), (int) sources.stream().filter(Channel::quiet).count()));
        });
        return plants;
    }

    private List<Channel> channels(List<Row> rows, Instant now) {
        Map<String, List<Row>> bySource = new TreeMap<>();
        rows.forEach(r -> bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r));
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<Channel> channels = new ArrayList<>();
        bySource.forEach((source, list) -> {
            Instant last = list.stream().map(Row::acceptedAt).max(Comparator.naturalOrder()).orElse(null);
            channels.add(new Channel(source, list.get(0).plant(),
                    list.stream().filter(r -> !r.acceptedAt().isBefore(hourAgo)).count(), last,
                    last == null || last.isBefore(now.minus(QUIET_AFTER))));
        });
        return channels;
    }

    /** Deliveries into the ERP that are not done, per plant: the index on state keeps this to the backlog. */
    private List<ErpLag> erpLag(Instant now) {
        return jdbc.query("SELECT plant, SUM(CASE WHEN state = 'PENDING' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN state = 'REFUSED' THEN 1 ELSE 0 END), "
                        + "MIN(CASE WHEN state = 'PENDING' THEN created_at END) FROM erp_delivery "
                        + "WHERE state IN ('PENDING', 'REFUSED') GROUP BY plant ORDER BY plant",
                (rs, n) -> {
                    Instant oldest = instant(rs, 4);
                    return new ErpLag(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            oldest == null ? null : Duration.between(oldest, now).toMillis() / 1000.0);
                });
    }

    private Series series(List<Row> rows, Instant now) {
        Instant first = rows.stream().map(Row::acceptedAt).min(Comparator.naturalOrder()).orElse(now);
        Duration span = Duration.between(first, now);
        span = span.compareTo(Duration.ofMinutes(10)) < 0 ? Duration.ofMinutes(10) : span;
        Duration size = bucketFor(span.compareTo(WINDOW) > 0 ? WINDOW : span);
        long bucket = size.toSeconds();
        long end = now.getEpochSecond() / bucket * bucket;
        long start = Math.max(end - WINDOW.toSeconds(), (now.getEpochSecond() - span.toSeconds()) / bucket * bucket);
        int count = (int) ((end - start) / bucket) + 1;
        // the last bucket is still filling: its rate is over the part of it that has passed
        double lastMinutes = Math.max(10, now.getEpochSecond() - end) / 60.0;
        List<List<Double>> latencies = new ArrayList<>();
        long[] accepted = new long[count];
        for (int i = 0; i < count; i++) {
            latencies.add(new ArrayList<>());
        }
        for (Row r : rows) {
            int i = (int) ((r.acceptedAt().getEpochSecond() - start) / bucket);
            if (i >= 0 && i < count) {
                accepted[i]++;
                if (r.latencySeconds() != null) {
                    latencies.get(i).add(r.latencySeconds());
                }
            }
        }
        List<Long> times = new ArrayList<>();
        List<Double> perMinute = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(start + i * bucket);
            perMinute.add(accepted[i] / (i == count - 1 ? lastMinutes : (double) size.toMinutes()));
            List<Double> sorted = latencies.get(i);
            sorted.sort(Comparator.naturalOrder());
            p95.add(percentile(sorted, 0.95));
        }
        return new Series(bucket, times, perMinute, p95);
    }

    /**
     * The minutes the last hour's counts cover: a whole hour, or less on a hub whose window starts
     * later (one that just started), so that its rate is not diluted by minutes before its first event.
     */
    private static double rateMinutes(List<Row> rows, Instant now) {
        Instant first = rows.stream().map(Row::acceptedAt).min(Comparator.naturalOrder()).orElse(null);
        if (first == null) {
            return 60;
        }
        return Math.min(60, Math.max(1, Duration.between(first, now).toSeconds() / 60.0));
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
