package io.millrace.pipeline;

import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lane does with a batch whose transaction failed ({@link Failures}), whatever the lane
 * source: the log's own lanes or the events topic's partitions. A failure of the machinery backs
 * off and has the batch read again, however often. A failure that follows the events is tried
 * again a few times, then the batch is applied one item per transaction and an item that fails
 * alone is isolated as an INTERNAL_ERROR exception, so one poison event never blocks its lane.
 * One instance per lane thread; not thread-safe.
 *
 * @param <T> one item of a batch: a record of the events topic, an event of the log
 */
public final class LaneRetries<T> {

    /** Applying and isolating, each in its own transaction. */
    public interface Target<T> {

        void apply(List<T> batch);

        void isolate(T item, String failure);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LaneRetries.class);

    private final Target<T> target;
    private final Function<T, String> name;
    private int failures;
    private int machineryFailures;

    /** {@code name} says which item a log line is about (an offset, a position). */
    public LaneRetries(Target<T> target, Function<T, String> name) {
        this.target = target;
        this.name = name;
    }

    /**
     * Applies {@code batch}: true when every item was applied or isolated, false when the batch
     * must be read again from where the lane's stored position says (the back-off has been
     * waited).
     */
    public boolean apply(List<T> batch) {
        try {
            target.apply(batch);
            failures = 0;
            machineryFailures = 0;
            return true;
        } catch (RuntimeException | Error ex) {
            if (Failures.isMachinery(ex)) {
                backOff("applying " + batch.size() + " events", ex);
                return false;
            }
            failures++;
            LOG.warn("applying {} events failed (attempt {}): {}", batch.size(), failures, Failures.describe(ex));
            if (failures < Failures.ATTEMPTS_BEFORE_ISOLATING) {
                sleep(Failures.backoffMillis(failures));
                return false;
            }
        }
        failures = 0;
        for (T item : batch) {
            if (!applyAlone(item)) {
                return false;
            }
        }
        return true;
    }

    /** One item in its own transaction; false when the machinery failed meanwhile. */
    private boolean applyAlone(T item) {
        Throwable last = null;
        for (int attempt = 0; attempt < Failures.ATTEMPTS_BEFORE_ISOLATING; attempt++) {
            try {
                target.apply(List.of(item));
                machineryFailures = 0;
                return true;
            } catch (RuntimeException | Error ex) {
                if (Failures.isMachinery(ex)) {
                    backOff("applying " + name.apply(item), ex);
                    return false;
                }
                last = ex;
            }
        }
        try {
            target.isolate(item, Failures.describe(last));
            return true;
        } catch (RuntimeException ex) {
            LOG.warn("could not isolate {}: {}", name.apply(item), Failures.describe(ex));
            return false;
        }
    }

    private void backOff(String what, Throwable failure) {
        machineryFailures++;
        LOG.warn("{} failed (attempt {}, the database or the JVM, not the events): {}", what, machineryFailures,
                Failures.describe(failure));
        sleep(Failures.backoffMillis(machineryFailures));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
