package io.millrace.eventlog;

import java.util.List;

/** The outcome of appending one batch: all of it is in the log, or none of it. */
public sealed interface AppendResult {

    /** Every event is in the log: one receipt per event of the batch, in batch order. */
    record Appended(List<Receipt> receipts) implements AppendResult {
        public Appended {
            receipts = List.copyOf(receipts);
        }
    }

    /** Nothing was appended because these events reuse an id for different content. */
    record Conflicting(List<Conflict> conflicts) implements AppendResult {
        public Conflicting {
            conflicts = List.copyOf(conflicts);
        }
    }
}
