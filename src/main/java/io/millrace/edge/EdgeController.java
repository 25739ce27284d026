package io.millrace.edge;

import io.millrace.access.Caller;
import io.millrace.catalog.EventJson;
import io.millrace.catalog.EventTypeDescriptor;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The edge agent's own endpoints: its status, the events the hub refused (with the hub's problem
 * and the event as accepted), and the catalog it validates against.
 */
@RestController
class EdgeController {

    private static final int MAX_LIMIT = 500;

    record RejectedView(long position, String trackingId, String source, String id, String type, String plant,
                        Instant acceptedAt, int status, JsonNode problem, Instant rejectedAt, JsonNode event) {
    }

    /** {@code next}: pass as {@code after} for the following page; null on the last one. */
    record RejectedPage(List<RejectedView> items, Long next) {
    }

    record CatalogTypes(List<EventTypeDescriptor> types) {
    }

    private final EdgeReports reports;
    private final EdgeCatalog catalog;

    EdgeController(EdgeReports reports, EdgeCatalog catalog) {
        this.reports = reports;
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/edge/status")
    EdgeStatus status(Caller caller) {
        return reports.status();
    }

    @GetMapping("/api/v1/edge/rejected")
    RejectedPage rejected(Caller caller, @RequestParam(defaultValue = "0") long after,
                          @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT || after < 0) {
            throw ApiProblem.badRequest("limit must be 1 to " + MAX_LIMIT + " and after a position of 0 or more.");
        }
        List<ForwardingStore.Rejected> page = reports.rejected(after, limit + 1);
        boolean more = page.size() > limit;
        List<ForwardingStore.Rejected> shown = more ? page.subList(0, limit) : page;
        Map<UUID, LoggedEvent> events = reports.events(shown.stream().map(ForwardingStore.Rejected::trackingId)
                .toList()).stream().collect(Collectors.toMap(LoggedEvent::trackingId, Function.identity()));
        List<RejectedView> items = shown.stream().map(r -> view(r, events.get(r.trackingId()))).toList();
        return new RejectedPage(items, more ? shown.get(shown.size() - 1).position() : null);
    }

    @GetMapping("/api/v1/catalog")
    CatalogTypes catalog(Caller caller) {
        return new CatalogTypes(catalog.current().types());
    }

    private static RejectedView view(ForwardingStore.Rejected r, LoggedEvent e) {
        return new RejectedView(r.position(), r.trackingId().toString(), e.source(), e.id(), e.type(), e.plant(),
                e.acceptedAt(), r.status(), parse(r.problem()), r.rejectedAt(), parse(e.json()));
    }

    private static JsonNode parse(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JacksonException ex) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }
}
