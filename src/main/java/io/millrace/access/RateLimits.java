package io.millrace.access;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per key: {@code ratePerSecond} requests per second, no queueing. */
final class RateLimits {

    private final ConcurrentHashMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /** Empty when the call may proceed, else the seconds to wait before retrying (at least 1). */
    OptionalLong admit(Caller caller) {
        Integer rate = caller.ratePerSecond();
        if (rate == null) {
            return OptionalLong.empty();
        }
        RateLimiter limiter = limiters.computeIfAbsent(caller.keyId() + "@" + rate, name -> RateLimiter.of(name,
                RateLimiterConfig.custom()
                        .limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build()));
        if (limiter.acquirePermission()) {
            return OptionalLong.empty();
        }
        // permits refresh every second, so the next one is never more than a second away
        return OptionalLong.of(1);
    }
}
