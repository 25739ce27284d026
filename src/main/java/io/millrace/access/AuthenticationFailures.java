package io.millrace.access;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per client address in fixed one-minute windows. An address
 * that reached the limit is refused (whatever key it sends) until its window ends, so keys cannot
 * be guessed at speed and a misconfigured client does not flood the log. Bounded: when too many
 * addresses are tracked it starts over.
 */
final class AuthenticationFailures {

    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_ADDRESSES = 100_000;

    private record Window(long start, int failures) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limitPerMinute;

    AuthenticationFailures(Clock clock, int limitPerMinute) {
        this.clock = clock;
        this.limitPerMinute = limitPerMinute;
    }

    /** Seconds until {@code address} may try again (at least 1), or empty when it may now. */
    OptionalLong blocked(String address) {
        long now = clock.millis();
        Window window = windows.get(address);
        if (window == null || now - window.start() >= WINDOW_MILLIS || window.failures() < limitPerMinute) {
            return OptionalLong.empty();
        }
        long waitMillis = window.start() + WINDOW_MILLIS - now;
        return OptionalLong.of(Math.max(1, (waitMillis + 999) / 1000));
    }

    void failed(String address) {
        long now = clock.millis();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.clear();
        }
        windows.compute(address, (a, w) -> w == null || now - w.start() >= WINDOW_MILLIS
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    int limitPerMinute() {
        return limitPerMinute;
    }
}
