package io.millrace.simulator;

import java.time.Duration;

/**
 * How to feed the hub.
 *
 * @param rate        target events per second; 0 sends as fast as the hub takes them
 * @param duration    stop after this long (null: no time limit)
 * @param events      stop after this many events (0: no count limit)
 * @param batch       events per request (1 to 1000); with a rate, at most one second's worth
 * @param concurrency requests in flight at once
 * @param reportEvery how often a progress line is printed
 * @param backoff     first wait before resending a batch the hub could not take; doubles up to 10 s
 * @param maxAttempts attempts per batch before the hub counts as unreachable
 */
public record SendSettings(int rate, Duration duration, long events, int batch, int concurrency,
                           Duration reportEvery, Duration backoff, int maxAttempts) {

    public SendSettings {
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 (as fast as possible) or more, not " + rate);
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("--batch must be between 1 and 1000, not " + batch);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 64, not " + concurrency);
        }
        if (events < 0) {
            throw new IllegalArgumentException("--events must be positive, not " + events);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt per batch");
        }
    }

    public static SendSettings of(int rate, Duration duration, long events, int batch, int concurrency) {
        return new SendSettings(rate, duration, events, batch, concurrency, Duration.ofSeconds(5),
                Duration.ofMillis(200), 8);
    }

    /** Events per request: the batch option, but never more than one second's worth at the target rate. */
    int effectiveBatch() {
        return rate == 0 ? batch : Math.max(1, Math.min(batch, rate));
    }
}
