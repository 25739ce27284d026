package io.millrace.intake;

import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.Receipt;
import java.util.List;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * The log context (MDC) while intake accepts one event: its correlation id from the start, its
 * tracking id once the log has given one, the earlier values back afterwards (a channel may log
 * in a context of its own). A batch gets none, as its lines are about the batch, not one event.
 * A few MDC calls per request and nothing more: intake's throughput is measured.
 */
final class IntakeLogContext implements AutoCloseable {

    private static final IntakeLogContext NONE = new IntakeLogContext(false, null, null);

    private final boolean single;
    private final String previousTracking;
    private final String previousCorrelation;

    private IntakeLogContext(boolean single, String previousTracking, String previousCorrelation) {
        this.single = single;
        this.previousTracking = previousTracking;
        this.previousCorrelation = previousCorrelation;
    }

    static IntakeLogContext of(List<JsonNode> events) {
        if (events.size() != 1 || events.get(0) == null) {
            return NONE;
        }
        IntakeLogContext context = new IntakeLogContext(true, MDC.get(EventTracing.TRACKING_ID),
                MDC.get(EventTracing.CORRELATION_ID));
        JsonNode correlation = events.get(0).get("correlationid");
        if (correlation != null && correlation.isString()) {
            MDC.put(EventTracing.CORRELATION_ID, correlation.asString());
        }
        return context;
    }

    /** The event is in the log: its lines from here on name its tracking id. */
    void accepted(List<Receipt> receipts) {
        if (single && receipts.size() == 1 && receipts.get(0).trackingId() != null) {
            MDC.put(EventTracing.TRACKING_ID, receipts.get(0).trackingId().toString());
        }
    }

    @Override
    public void close() {
        if (single) {
            restore(EventTracing.TRACKING_ID, previousTracking);
            restore(EventTracing.CORRELATION_ID, previousCorrelation);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
