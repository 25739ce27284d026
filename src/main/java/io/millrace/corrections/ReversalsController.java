package io.millrace.corrections;

import io.millrace.audit.AuditTrail;
import io.millrace.access.Caller;
import io.millrace.access.Scope;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.catalog.EventJson;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.Receipt;
import io.millrace.intake.EventIntake;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/events/{trackingId}/reversal}: an operator or admin asks for a posted event
 * to be reversed, with a reason. The request becomes a {@code mfg.correction.reversal.requested}
 * event of the hub's own source, accepted into the log like any other, so it is applied exactly
 * once, in order, with lineage; a reversal that is no longer possible becomes an exception with
 * its own reason and changes nothing. The caller is the actor of the reversing entries.
 */
@RestController
class ReversalsController {

    record ReversalRequest(String reason) {
    }

    record ReversalAccepted(String trackingId, String reverses, String status, String reason) {
    }

    private final EventIntake intake;
    private final EventLog log;
    private final Clock clock;
    private final AuditTrail audit;

    ReversalsController(EventIntake intake, EventLog log, ObjectProvider<Clock> clock, AuditTrail audit) {
        this.audit = audit;
        this.intake = intake;
        this.log = log;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping("/api/v1/events/{trackingId}/reversal")
    ResponseEntity<ReversalAccepted> reverse(Caller caller, @PathVariable String trackingId,
                                             @RequestBody(required = false) ReversalRequest request) {
        caller.requireOperator();
        LoggedEvent original = parse(trackingId).flatMap(log::find)
                .orElseThrow(() -> ApiProblem.notFound("No event with tracking id '" + trackingId + "'."));
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > 256) {
            throw ApiProblem.invalid("A reversal needs a reason of 1 to 256 characters; nothing was accepted.",
                    List.of(FieldError.at("/reason", reason.isEmpty() ? "is required" : "is longer than 256 characters")));
        }
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", "reversal-" + original.trackingId() + "-" + UUID.randomUUID());
        event.put("source", ReversalRequested.HUB_SOURCE);
        event.put("type", ReversalRequested.TYPE);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        event.put("plant", original.plant());
        event.put("subject", original.trackingId().toString());
        if (original.correlationId() != null) {
            event.put("correlationid", original.correlationId());
        }
        ObjectNode data = event.putObject("data");
        data.put("trackingId", original.trackingId().toString());
        data.put("reason", reason);
        Caller onBehalf = new Caller(caller.keyId(), caller.name(), caller.role(), Scope.unrestricted(), null);
        Receipt receipt = intake.accept(List.<JsonNode>of(event), false, onBehalf, List.of()).get(0);
        audit.record(caller.actor(), "event.reversal-requested", "event:" + original.trackingId(), null,
                new ReversalAccepted(receipt.trackingId().toString(), original.trackingId().toString(),
                        receipt.status().name(), reason));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/events/" + receipt.trackingId())
                .body(new ReversalAccepted(receipt.trackingId().toString(), original.trackingId().toString(),
                        receipt.status().name(), reason));
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
