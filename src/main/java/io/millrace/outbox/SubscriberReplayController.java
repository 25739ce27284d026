package io.millrace.outbox;

import io.millrace.audit.AuditTrail;
import io.millrace.access.Caller;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/subscribers/{name}/replay}: an admin has the outbound events from a position
 * on delivered again to one subscriber (after it lost data, or to fill a new system). The other
 * subscribers are untouched; the request, its actor and reason are kept.
 */
@RestController
class SubscriberReplayController {

    record ReplayRequest(Long fromPosition, String reason) {
    }

    record ReplayAccepted(String subscriber, long fromPosition, long previouslyDeliveredThrough, String reason) {
    }

    private final Outbox outbox;
    private final Clock clock;

    private final AuditTrail audit;

    SubscriberReplayController(Outbox outbox, ObjectProvider<Clock> clock, AuditTrail audit) {
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping("/api/v1/subscribers/{name}/replay")
    ResponseEntity<ReplayAccepted> replay(Caller caller, @PathVariable String name,
                                          @RequestBody(required = false) ReplayRequest request) {
        caller.requireAdmin();
        Long from = request == null ? null : request.fromPosition();
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        List<FieldError> errors = new java.util.ArrayList<>();
        if (from == null || from < 1) {
            errors.add(FieldError.at("/fromPosition", "must be an outbox position of 1 or more"));
        }
        if (reason.isEmpty()) {
            errors.add(FieldError.at("/reason", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The replay request has " + errors.size() + " error(s); nothing changed.", errors);
        }
        long previous = outbox.store().rewind(name, from, caller.actor(), reason, clock.instant())
                .orElseThrow(() -> ApiProblem.notFound("No subscriber named '" + name + "'."));
        ReplayAccepted accepted = new ReplayAccepted(name, from, previous, reason);
        audit.record(caller.actor(), "subscriber.replayed", "subscriber:" + name, null, accepted);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }
}
