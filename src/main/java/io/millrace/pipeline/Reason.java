package io.millrace.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import io.millrace.accounting.posting.ReasonCode;
import java.util.Objects;

/**
 * Why an event waits (parked) or failed (an exception): a business reason of the accounting core,
 * one of the pipeline's own, or a name this version does not know. Its {@link #name()} is what the
 * tables, the API, the metrics' tags, the lineage and the {@code exception.raised} messages carry,
 * so it is written and read by name only at those edges.
 */
public sealed interface Reason permits Reason.Business, Reason.Pipeline, Reason.Unrecognized {

    /** The name as stored and shown; the audit log writes a reason as this string too. */
    @JsonValue
    String name();

    /** True when the event is parked rather than raised as an exception at once. */
    boolean waits();

    /** True for reasons an operator may approve (post despite the failed match). */
    boolean approvable();

    static Reason of(ReasonCode code) {
        return new Business(code);
    }

    /**
     * The reason of a stored name. A name this version does not know (written by an older or a newer
     * one) is kept as it is, so its rows stay readable and are written back unchanged.
     */
    static Reason of(String name) {
        Reason known = known(name);
        return known != null ? known : new Unrecognized(name);
    }

    private static Reason known(String name) {
        Objects.requireNonNull(name, "name");
        for (Pipeline own : Pipeline.values()) {
            if (own.name().equals(name)) {
                return own;
            }
        }
        try {
            return new Business(ReasonCode.valueOf(name));
        } catch (IllegalArgumentException notACode) {
            return null;
        }
    }

    /** A reason of the accounting core; it alone decides whether the event waits or may be approved. */
    record Business(ReasonCode code) implements Reason {

        public Business {
            Objects.requireNonNull(code, "code");
        }

        @Override
        public String name() {
            return code.name();
        }

        @Override
        public boolean waits() {
            return code.waits();
        }

        @Override
        public boolean approvable() {
            return code.approvable();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Reasons of the pipeline itself, which the accounting core knows nothing of. */
    enum Pipeline implements Reason {
        /**
         * Applying failed in a way of the event's own (a bug the core hits on its content, or content
         * the database refuses); the hub retries it by itself later ({@link InternalErrorRetries}).
         */
        INTERNAL_ERROR(false),
        /** An earlier event of its ordering key is parked: the event waits behind it (ADR 0004). */
        EARLIER_EVENT_PARKED(true);

        private final boolean waits;

        Pipeline(boolean waits) {
            this.waits = waits;
        }

        @Override
        public boolean waits() {
            return waits;
        }

        @Override
        public boolean approvable() {
            return false;
        }
    }

    /**
     * A stored name this version does not know. Nothing waits for it or approves it; it is only
     * shown and written back as it was. A known name is never one of these, so that a reason has
     * one value only.
     */
    record Unrecognized(String name) implements Reason {

        public Unrecognized {
            if (known(name) != null) {
                throw new IllegalArgumentException(name + " is a known reason; Reason.of(name) gives it");
            }
        }

        @Override
        public boolean waits() {
            return false;
        }

        @Override
        public boolean approvable() {
            return false;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
