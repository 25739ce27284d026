package io.millrace.pipeline;

import io.millrace.access.Caller;
import io.millrace.outbox.DeliveryExceptions;
import io.millrace.web.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
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

    private static final List<String> STATUSES = Arrays.stream(ExceptionStatus.values()).map(Enum::name).toList();
    private static final int MAX_LIMIT = 500;

    /** {@code subscriber} names the subscriber of a delivery exception; null for an event's own exception. */
    record ItemView(String id, String trackingId, String type, String plant, String reason, String message,
                    Instant raisedAt, String status, String decidedBy, Instant decidedAt, String subscriber) {
        static ItemView of(ExceptionItem e) {
            return new ItemView(e.id().toString(), e.trackingId().toString(), e.type(), e.plant(), e.reason().name(),
                    e.message(), e.raisedAt(), e.status().name(), e.decidedBy(), e.decidedAt(), null);
        }

        static ItemView of(DeliveryExceptions.Item e) {
            return new ItemView(e.id().toString(), e.trackingId() == null ? null : e.trackingId().toString(),
                    e.type(), e.plant(), e.reason(), e.message(), e.raisedAt(), e.status(), e.decidedBy(),
                    e.decidedAt(), e.subscriber());
        }
    }

    record PageView(List<ItemView> items, long total, int offset, int limit) {
    }

    private final ExceptionQueue queue;
    private final List<DeliveryExceptions> deliveries;

    ExceptionsController(ExceptionQueue queue, ObjectProvider<DeliveryExceptions> deliveries) {
        this.queue = queue;
        this.deliveries = deliveries.orderedStream().toList();
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
        // The events' exceptions first, then each kind of delivery exception: one list, paged as one.
        ExceptionQueue.Page page = queue.list(wanted, from, size);
        List<ItemView> items = new ArrayList<>(page.items().stream().map(ItemView::of).toList());
        long total = page.total();
        for (DeliveryExceptions kind : deliveries) {
            long skip = Math.max(0, (long) from - total);
            int room = size - items.size();
            if (room > 0 && skip < Integer.MAX_VALUE) {
                kind.list(wanted, (int) skip, room).forEach(e -> items.add(ItemView.of(e)));
            }
            total += kind.count(wanted);
        }
        return new PageView(items, total, from, size);
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ItemView retry(Caller caller, @PathVariable String id) {
        caller.requireOperator();
        UUID exception = parse(id);
        if (!queue.holds(exception)) {
            for (DeliveryExceptions kind : deliveries) {
                Optional<DeliveryExceptions.Item> retried = kind.retry(exception, caller.actor());
                if (retried.isPresent()) {
                    return ItemView.of(retried.get());
                }
            }
        }
        return ItemView.of(queue.retry(exception, caller.actor()));
    }

    @PostMapping("/{id}/approve")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ItemView approve(Caller caller, @PathVariable String id) {
        caller.requireOperator();
        UUID exception = parse(id);
        onlyRetried(exception);
        return ItemView.of(queue.approve(exception, caller.actor()));
    }

    @PostMapping("/{id}/discard")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ItemView discard(Caller caller, @PathVariable String id) {
        caller.requireOperator();
        UUID exception = parse(id);
        onlyRetried(exception);
        return ItemView.of(queue.discard(exception, caller.actor()));
    }

    /** A delivery exception is retried once its cause is fixed; there is nothing to approve or discard. */
    private void onlyRetried(UUID id) {
        if (queue.holds(id)) {
            return;
        }
        for (DeliveryExceptions kind : deliveries) {
            kind.find(id).ifPresent(item -> {
                throw ApiProblem.conflict("Exception " + id + " is a delivery exception of subscriber "
                        + item.subscriber() + "; it can only be retried.", Map.<String, Object>of("exceptionId",
                        id.toString(), "subscriber", item.subscriber(), "reason", item.reason()));
            });
        }
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
