package io.millrace.observability;

import io.millrace.outbox.SlaAlertEvents;
import java.time.Duration;

/**
 * How late one plant's flow is on one measure: the slowest of its events completed within the
 * window and the age of its oldest event still waiting, whichever is longer.
 */
public record FlowLatency(String plant, String flow, SlaMeasure measure, Duration slowestCompleted, long completed,
                          Duration oldestWaiting, long waiting) {

    public Duration latency() {
        return slowestCompleted.compareTo(oldestWaiting) >= 0 ? slowestCompleted : oldestWaiting;
    }

    /** As the outbound alert describes it. */
    SlaAlertEvents.Lateness lateness() {
        return new SlaAlertEvents.Lateness(plant, flow, measure.name(), slowestCompleted, completed, oldestWaiting,
                waiting);
    }

    FlowKey key() {
        return new FlowKey(plant, flow, measure);
    }

    static FlowLatency none(FlowKey key) {
        return new FlowLatency(key.plant(), key.flow(), key.measure(), Duration.ZERO, 0, Duration.ZERO, 0);
    }

    /** One plant, flow and measure. */
    record FlowKey(String plant, String flow, SlaMeasure measure) {
    }
}
