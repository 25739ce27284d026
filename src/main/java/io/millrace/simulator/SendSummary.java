package io.millrace.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * What a send run achieved. {@code sent} counts events the hub answered for (accepted, duplicate or
 * rejected); {@code unsent} those generated but never answered for (the run was stopped or the hub
 * became unreachable); {@code retries} resent batches.
 */
public record SendSummary(long sent, long accepted, long duplicates, long rejected, long retries, long unsent,
                          Duration elapsed, String failure) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }

    public boolean clean() {
        return failure == null && rejected == 0 && unsent == 0;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%.1fs: sent %d, accepted %d, duplicates %d, rejected %d, retries %d%s, %.1f events/s",
                elapsed.toNanos() / 1e9, sent, accepted, duplicates, rejected, retries,
                unsent > 0 ? ", unsent " + unsent : "", eventsPerSecond());
    }
}
