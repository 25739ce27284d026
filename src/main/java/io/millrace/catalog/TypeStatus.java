package io.millrace.catalog;

import java.time.LocalDate;

/**
 * Where an event type stands in its lifecycle. A {@link Draft} is being agreed and only producers
 * whose key names it explicitly may publish it; an {@link Active} type is open to every producer
 * in scope; a {@link Deprecated} type is still accepted, and every acceptance says so, so that
 * producers move off it before it is withdrawn.
 */
public sealed interface TypeStatus permits TypeStatus.Draft, TypeStatus.Active, TypeStatus.Deprecated {

    /** The status as written in {@code catalog.json} and published: draft, active or deprecated. */
    String label();

    record Draft() implements TypeStatus {
        @Override
        public String label() {
            return "draft";
        }
    }

    record Active() implements TypeStatus {
        @Override
        public String label() {
            return "active";
        }
    }

    /**
     * @param since the day from which the type is deprecated (RFC 9745's {@code Deprecation} date)
     * @param note what producers should use instead
     */
    record Deprecated(LocalDate since, String note) implements TypeStatus {
        @Override
        public String label() {
            return "deprecated";
        }
    }
}
