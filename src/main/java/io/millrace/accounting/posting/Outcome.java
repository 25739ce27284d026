package io.millrace.accounting.posting;

import io.millrace.accounting.ledger.JournalEntry;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What applying one event did: posted, parked (waiting for something) or rejected. */
public sealed interface Outcome {

    /**
     * The event posted: its journal entries, inventory movements and outbound messages are in the
     * books, and {@code changedKeys} names what changed, in the vocabulary of {@link DependencyKeys},
     * so that parked events waiting on one of them can be retried.
     */
    record Posted(List<JournalEntry> entries, List<InventoryMovement> movements, List<OutboundMessage> messages,
                  Set<String> changedKeys) implements Outcome {
        public Posted {
            entries = List.copyOf(entries);
            movements = List.copyOf(movements);
            messages = List.copyOf(messages);
            changedKeys = Set.copyOf(changedKeys);
        }
    }

    /**
     * The event depends on something not there yet and waits; nothing changed. It becomes an
     * exception with {@code reason} once the park window has passed.
     */
    record Parked(ReasonCode reason, String message, Set<String> waitingFor) implements Outcome {
        public Parked {
            Objects.requireNonNull(reason, "reason");
            waitingFor = Set.copyOf(waitingFor);
        }
    }

    /** A business error for the exception queue; nothing changed. */
    record Rejected(ReasonCode reason, String message) implements Outcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
