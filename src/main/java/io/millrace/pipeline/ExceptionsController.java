package io.millrace.pipeline;

import io.millrace.access.Caller;
import io.millrace.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/exceptions?status=&offset=&limit=} (auditor, operator, admin) and the operator
 * decisions {@code POST /api/v1/exceptions/{id}/retry|approve|discard} (operator, admin), each
 * answering 202 with the exception as it stands after the decision.
 */
@RestController
@RequestMapping("/api/v1/exceptions")
class ExceptionsController {

    private static final List<String> STATUSES = List.of(ExceptionItem.OPEN, ExceptionItem.RESOLVED,
            ExceptionItem.APPROVED, ExceptionItem.DISCARDED);
    private static final int MAX_LIMIT = 500;

    record ItemView(String id, String trackingId, String type, String plant, String reason, String message,
                    Instant raisedAt, String status, String decidedBy, Instant decidedAt) {
        static ItemView of(ExceptionItem e) {
            return new ItemView(e.id().toString(), e.trackingId().toString(), e.type(), e.plant(), e.reason(),
                    e.message(), e.raisedAt(), e.status(), e.decidedBy(), e.decidedAt());
        }
    }

    record PageView(List<ItemView> items, long total, int offset, int limit) {
    }

    private final ExceptionQueue queue;

    ExceptionsController(ExceptionQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    PageView list(Caller caller, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String offset, @RequestParam(required = false) String limit) {
        caller.requireReadAll();
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw ApiProblem.badRequest("status must be one of " + STATUSES + ", not '" + status + "'.");
        }
        int from = number("offset", offset, 0, Integer.MAX_VALUE, 0);
        int size = number("limit", limit, 1, MAX_LIMIT, 100);
        ExceptionQueue.Page page = queue.list(wanted, from, size);
        return new PageView(page.items().stream().map(ItemView::of).toList(), page.total(), from, size);
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ItemView retry(Caller caller, @PathVariable String id) {
        caller.requireOperator();
        return ItemView.of(queue.retry(parse(id), caller.actor()));
    }

    @PostMapping("/{id}/approve")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ItemView approve(Caller caller, @PathVariable String id) {
        caller.requireOperator();
        return ItemView.of(queue.approve(parse(id), caller.actor()));
    }

    @PostMapping("/{id}/discard")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ItemView discard(Caller caller, @PathVariable String id) {
        caller.requireOperator();
        return ItemView.of(queue.discard(parse(id), caller.actor()));
    }

    private static UUID parse(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException ex) {
            // answered below
        }
        throw ApiProblem.notFound("No exception with id '" + id + "'.");
    }

    private static int number(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ex) {
            // answered below
        }
        throw ApiProblem.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + value
                + "'.");
    }
}
