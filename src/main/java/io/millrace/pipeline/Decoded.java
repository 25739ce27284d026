package io.millrace.pipeline;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.eventlog.LoggedEvent;
import java.util.Set;
import java.util.UUID;

/**
 * An accepted event ready for the accounting core: the log's record, its envelope and its typed
 * payload. {@code orderingKey} is the business key within which the hub keeps acceptance order.
 */
record Decoded(LoggedEvent logged, EventContext context, ManufacturingEvent event) {

    UUID trackingId() {
        return logged.trackingId();
    }

    long position() {
        return logged.position();
    }

    String orderingKey() {
        return logged.businessKey() != null ? logged.businessKey() : event.businessKey();
    }

    /**
     * The plants whose books applying the event may change: only its own. A transfer between plants
     * ships into transit here and is received by the hub's receipt in the receiving plant (ADR 0019).
     */
    Set<String> plants() {
        return Set.of(logged.plant());
    }

    /**
     * Events of a lot key are applied in strict acceptance order (ADR 0004), and closing events
     * wait for every earlier event of their key: both wait while an earlier event of their key is
     * parked.
     */
    boolean waitsBehindParked() {
        return event.closing() || orderingKey().startsWith("lot:");
    }
}
