package io.millrace.simulator;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feeds a stream of events to the hub in batches at a target rate with several requests in
 * flight. A batch the hub could not take (429, 5xx, no connection) is sent again after a growing
 * pause: resending is safe because the hub deduplicates by (source, id). A batch the hub refuses
 * as invalid (400, 409, 413, 415) is counted as rejected and reported, never resent; a refused
 * key (401, 403) or a hub that stays unreachable ends the run.
 */
public final class TrafficSender {

    /** Writes decimals exactly as they are, never with an exponent; reads them back exactly. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final HubClient hub;
    private final SendSettings settings;
    private final Consumer<String> out;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** {@code report} receives the progress lines, the rejections and the summary. */
    public TrafficSender(HubClient hub, SendSettings settings, Consumer<String> report) {
        this.hub = hub;
        this.settings = settings;
        this.out = report;
    }

    /** Ends the run after the batches in flight; safe to call from another thread or a shutdown hook. */
    public void stop() {
        stopping = true;
    }

    /** Sends until the duration or event count is reached, the stream ends, or {@link #stop()}. */
    public SendSummary run(Iterator<ObjectNode> events) {
        long start = System.nanoTime();
        long deadline = settings.duration() == null ? Long.MAX_VALUE : start + settings.duration().toNanos();
        int batchSize = settings.effectiveBatch();
        RateLimiter limiter = settings.rate() == 0 ? null : RateLimiter.of("simulate", RateLimiterConfig.custom()
                .limitForPeriod(batchSize)
                .limitRefreshPeriod(Duration.ofNanos(Math.max(1_000_000L, 1_000_000_000L * batchSize / settings.rate())))
                .timeoutDuration(Duration.ofDays(1))
                .build());
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency());
        Semaphore inFlight = new Semaphore(settings.concurrency());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        Progress progress = new Progress(start);
        reporter.scheduleAtFixedRate(progress::print, settings.reportEvery().toMillis(),
                settings.reportEvery().toMillis(), TimeUnit.MILLISECONDS);
        long generated = 0;
        try {
            while (!stopping && System.nanoTime() < deadline
                    && (settings.events() == 0 || generated < settings.events())) {
                int size = (int) (settings.events() == 0 ? batchSize : Math.min(batchSize, settings.events() - generated));
                List<ObjectNode> batch = new ArrayList<>(size);
                while (batch.size() < size && events.hasNext()) {
                    batch.add(events.next());
                }
                if (batch.isEmpty()) {
                    out.accept("simulate: the plants ran out of work (purchase or sales order quantities used up)");
                    break;
                }
                generated += batch.size();
                if (limiter != null) {
                    limiter.acquirePermission(batch.size());
                }
                inFlight.acquire();
                workers.execute(() -> {
                    try {
                        deliver(batch);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            workers.shutdown();
            awaitQuietly(workers);
            reporter.shutdownNow();
        }
        SendSummary summary = new SendSummary(sent.get(), accepted.get(), duplicates.get(), rejected.get(),
                retries.get(), unsent.get(), Duration.ofNanos(System.nanoTime() - start), failure.get());
        out.accept("simulate: done in " + summary.describe());
        if (summary.failure() != null) {
            out.accept("simulate: stopped early: " + summary.failure());
        }
        return summary;
    }

    private void deliver(List<ObjectNode> batch) {
        Duration pause = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            if (failure.get() != null) {
                unsent.addAndGet(batch.size());
                return;
            }
            String trouble;
            try {
                HubClient.BatchAnswer answer = hub.post(batch);
                if (answer.status() == 202) {
                    sent.addAndGet(batch.size());
                    accepted.addAndGet(answer.accepted());
                    duplicates.addAndGet(answer.duplicates());
                    return;
                }
                if (answer.fatal()) {
                    fail("the hub refused the key: " + answer.problem());
                    unsent.addAndGet(batch.size());
                    return;
                }
                if (!answer.retryable()) {
                    sent.addAndGet(batch.size());
                    rejected.addAndGet(batch.size());
                    out.accept("simulate: batch of " + batch.size() + " rejected: " + answer.problem());
                    return;
                }
                trouble = answer.problem();
                pause = answer.retryAfter().filter(d -> !d.isZero()).orElse(pause);
            } catch (IOException ex) {
                trouble = HubClient.describe(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                unsent.addAndGet(batch.size());
                return;
            }
            if (attempt >= settings.maxAttempts()) {
                fail("the hub did not take a batch after " + attempt + " attempts: " + trouble);
                unsent.addAndGet(batch.size());
                return;
            }
            retries.incrementAndGet();
            if (!sleep(pause)) {
                unsent.addAndGet(batch.size());
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
        }
    }

    private void fail(String reason) {
        failure.compareAndSet(null, reason);
        stopping = true;
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                // batches in flight keep retrying until answered or given up
            }
        } catch (InterruptedException ex) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The progress line: totals so far and the rate since the previous line. */
    private final class Progress {
        private final long start;
        private long lastTime;
        private long lastSent;

        Progress(long start) {
            this.start = start;
            this.lastTime = start;
        }

        synchronized void print() {
            long now = System.nanoTime();
            long total = sent.get();
            double rate = (total - lastSent) / Math.max(1e-9, (now - lastTime) / 1e9);
            lastTime = now;
            lastSent = total;
            out.accept(String.format(Locale.ROOT,
                    "simulate: %5.0fs sent %d, accepted %d, duplicates %d, rejected %d, retries %d, %.1f events/s",
                    (now - start) / 1e9, total, accepted.get(), duplicates.get(), rejected.get(), retries.get(), rate));
        }
    }
}
