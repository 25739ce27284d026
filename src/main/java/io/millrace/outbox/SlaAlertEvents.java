package io.millrace.outbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the business alerts {@code mfg.integration.sla.alert.raised} (a plant's flow is slower
 * than its service level) and {@code mfg.integration.sla.alert.cleared} (it is back within it).
 * The CloudEvents subject is the flow (an event type), the plant extension the plant; they carry
 * no correlation or tracking id, since they are about many events.
 */
public final class SlaAlertEvents {

    public static final String RAISED = "mfg.integration.sla.alert.raised";
    public static final String CLEARED = "mfg.integration.sla.alert.cleared";

    private SlaAlertEvents() {
    }

    /**
     * How late a flow is: {@code measure} ({@code ACCEPTED_TO_POSTED} or {@code POSTED_TO_ERP}),
     * the slowest of its events completed in the window and how many completed, the age of its
     * oldest event still waiting and how many wait; its latency is the longer of the two.
     */
    public record Lateness(String plant, String flow, String measure, Duration slowestCompleted, long completed,
                           Duration oldestWaiting, long waiting) {
        public Lateness {
            Objects.requireNonNull(plant, "plant");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(measure, "measure");
        }

        public Duration latency() {
            return slowestCompleted.compareTo(oldestWaiting) >= 0 ? slowestCompleted : oldestWaiting;
        }
    }

    /** The flow breached its threshold at {@code at}. */
    public static OutboxMessage raised(Lateness lateness, Duration threshold, Instant at) {
        ObjectNode data = common(lateness, threshold);
        data.put("raisedAt", at.toString());
        return new OutboxMessage(RAISED, lateness.flow(), lateness.plant(), null, null, data);
    }

    /** The flow raised at {@code raisedAt} is back within its threshold at {@code at}. */
    public static OutboxMessage cleared(Lateness lateness, Duration threshold, Instant raisedAt, Instant at) {
        ObjectNode data = common(lateness, threshold);
        data.put("raisedAt", raisedAt.toString());
        data.put("clearedAt", at.toString());
        data.put("breachSeconds", seconds(Duration.between(raisedAt, at)));
        return new OutboxMessage(CLEARED, lateness.flow(), lateness.plant(), null, null, data);
    }

    private static ObjectNode common(Lateness lateness, Duration threshold) {
        ObjectNode data = OutboxJson.object();
        data.put("plant", lateness.plant());
        data.put("flow", lateness.flow());
        data.put("measure", lateness.measure());
        data.put("latencySeconds", seconds(lateness.latency()));
        data.put("thresholdSeconds", seconds(threshold));
        data.put("slowestCompletedSeconds", seconds(lateness.slowestCompleted()));
        data.put("completed", lateness.completed());
        data.put("oldestWaitingSeconds", seconds(lateness.oldestWaiting()));
        data.put("waiting", lateness.waiting());
        return data;
    }

    /** Seconds with millisecond precision. */
    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
    }
}
