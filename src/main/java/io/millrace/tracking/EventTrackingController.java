package io.millrace.tracking;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.catalog.EventJson;
import io.millrace.eventlog.Backlog;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.intake.EventOrigin;
import io.millrace.intake.EventOrigins;
import io.millrace.pipeline.Lineage;
import io.millrace.web.ApiProblem;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/events/{trackingId}}: an accepted event with its state, lineage and origin; and
 * {@code GET /api/v1/pipeline/backlog}: how much accepted work waits, is parked or failed, and how
 * much has posted, so that a monitor can derive throughput from two readings.
 */
@RestController
class EventTrackingController {

    /** {@code origin}: the binding, version and raw message an event was mapped from; null for a CloudEvent. */
    record EventView(String trackingId, String state, JsonNode event, List<Lineage.StepView> lineage,
                     EventOrigin origin) {
    }

    record BacklogView(long pending, long parked, long exceptions, long posted) {
    }

    private final EventLog log;
    /** Absent where nothing is applied (a plant edge agent): events are shown without lineage. */
    private final ObjectProvider<Lineage> lineage;
    private final EventOrigins origins;

    EventTrackingController(EventLog log, ObjectProvider<Lineage> lineage, EventOrigins origins) {
        this.log = log;
        this.lineage = lineage;
        this.origins = origins;
    }

    @GetMapping("/api/v1/events/{trackingId}")
    EventView find(Caller caller, @PathVariable String trackingId) {
        LoggedEvent event = parse(trackingId)
                .flatMap(log::find)
                .filter(e -> caller.role() != Role.PRODUCER || e.producerKeyId().equals(caller.keyId()))
                .orElseThrow(() -> ApiProblem.notFound("No event with tracking id '" + trackingId + "'."));
        Lineage steps = lineage.getIfAvailable();
        return new EventView(event.trackingId().toString(), event.state().name(),
                EventJson.mapper().readTree(event.json()), steps == null ? List.of() : steps.of(event),
                origins.find(event.trackingId()).orElse(null));
    }

    @GetMapping("/api/v1/pipeline/backlog")
    BacklogView backlog(Caller caller) {
        caller.requireReadAll();
        Backlog backlog = log.backlog();
        return new BacklogView(backlog.pending(), backlog.parked(), backlog.exceptions(), backlog.posted());
    }

    private static Optional<UUID> parse(String trackingId) {
        try {
            UUID id = UUID.fromString(trackingId);
            return id.toString().equalsIgnoreCase(trackingId) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
