package io.millrace.eventlog;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered tracking ids (UUID version 7): unique, and kind to B-tree indexes because new ids
 * sort after older ones. They are names, not secrets: reading an event by its tracking id still
 * requires a key allowed to see it.
 */
public final class TrackingIds {

    private final Clock clock;

    public TrackingIds(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (clock.millis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = 0x8000000000000000L | (random.nextLong() & 0x3FFFFFFFFFFFFFFFL);
        return new UUID(msb, lsb);
    }
}
