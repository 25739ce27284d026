package io.millrace.accounting.posting;

import java.util.Set;

/**
 * Thrown by a rule that cannot post: the engine turns it into {@link Outcome.Parked} when the
 * reason {@link ReasonCode#waits() waits}, else into {@link Outcome.Rejected}. Nothing was written.
 */
public final class Refusal extends RuntimeException {

    private final ReasonCode reason;
    private final Set<String> waitingFor;

    private Refusal(ReasonCode reason, String message, Set<String> waitingFor) {
        super(message, null, false, false);
        this.reason = reason;
        this.waitingFor = Set.copyOf(waitingFor);
    }

    public static Refusal reject(ReasonCode reason, String message) {
        return new Refusal(reason, message, Set.of());
    }

    public static Refusal waitFor(ReasonCode reason, String message, Set<String> keys) {
        return new Refusal(reason, message, keys);
    }

    public Outcome toOutcome() {
        return reason.waits() ? new Outcome.Parked(reason, getMessage(), waitingFor)
                : new Outcome.Rejected(reason, getMessage());
    }
}
