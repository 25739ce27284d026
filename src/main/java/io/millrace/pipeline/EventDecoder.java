package io.millrace.pipeline;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.EventTypes;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.eventlog.LoggedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an accepted structured CloudEvent into the core's envelope and typed payload. The
 * payload's record components are the JSON field names of {@code data} in the shape of the type's
 * latest version (the catalog upcasts older versions); numbers bind exactly.
 */
final class EventDecoder {

    private final JsonMapper json = EventJson.mapper();
    private final EventCatalog catalog;

    EventDecoder(EventCatalog catalog) {
        this.catalog = catalog;
    }

    /** Fails with {@link UndecodableEvent} for an event the core cannot read (the catalog validated it). */
    Decoded decode(LoggedEvent logged) {
        Class<? extends ManufacturingEvent> type = EventTypes.classOf(logged.type())
                .orElseThrow(() -> new UndecodableEvent("the accounting core has no rules for type " + logged.type()));
        ManufacturingEvent event;
        try {
            JsonNode cloudEvent = json.readTree(logged.json());
            JsonNode data = cloudEvent.get("data");
            if (data == null || !data.isObject()) {
                throw new UndecodableEvent("the event has no data object");
            }
            data = catalog.latestData(cloudEvent);
            event = json.treeToValue(data, type);
        } catch (RuntimeException ex) {
            if (ex instanceof UndecodableEvent u) {
                throw u;
            }
            throw new UndecodableEvent("the data of the event does not bind to " + type.getSimpleName() + ": "
                    + ex.getMessage());
        }
        return new Decoded(logged, context(logged), event);
    }

    static EventContext context(LoggedEvent e) {
        return new EventContext(e.trackingId().toString(), e.source(), e.id(), e.type(), e.plant(), e.subject(),
                e.correlationId(), e.eventTime(), e.acceptedAt(), "key:" + e.producerKeyId());
    }

    /** The event cannot be read as its type's record: it becomes an exception, never blocks the log. */
    static final class UndecodableEvent extends RuntimeException {
        UndecodableEvent(String message) {
            super(message);
        }
    }
}
