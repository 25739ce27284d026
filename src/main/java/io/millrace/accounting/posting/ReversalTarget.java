package io.millrace.accounting.posting;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import java.util.List;
import java.util.Objects;

/**
 * An accepted event as a reversal sees it: its envelope and payload, where it stands, and the
 * inventory movements its posting made (empty unless it posted).
 */
public record ReversalTarget(EventContext context, ManufacturingEvent event, Standing standing,
                             List<InventoryMovement> movements) {
    public ReversalTarget {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(standing, "standing");
        movements = List.copyOf(movements);
    }

    /** Where the event stands in processing. */
    public enum Standing {
        /** Pending or parked: it may still post. */
        WAITING,
        POSTED,
        /** It became an exception and never posted. */
        FAILED,
        REVERSED
    }
}
