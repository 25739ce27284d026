package io.millrace.outbox;

import java.time.Duration;

/** Exponential backoff: the initial delay after the first failure, doubled after each further one, capped. */
record Backoff(Duration initial, Duration max) {

    Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 40);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
