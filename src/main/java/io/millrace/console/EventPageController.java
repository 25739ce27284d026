package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.intake.EventOrigins;
import io.millrace.pipeline.ExceptionQueue;
import io.millrace.pipeline.Lineage;
import io.millrace.web.ApiProblem;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Lineage search by business reference, and one event as a timeline: from the received message
 * (its raw text when a plant channel mapped it) through parking, exceptions and decisions to the
 * journal lines, inventory movements, published messages and the ERP move.
 */
@Controller
class EventPageController {

    private final LineageSearch search;
    private final EventLog log;
    private final Lineage lineage;
    private final EventOrigins origins;
    private final ExceptionQueue exceptions;

    EventPageController(LineageSearch search, EventLog log, Lineage lineage, EventOrigins origins,
                        ExceptionQueue exceptions) {
        this.search = search;
        this.log = log;
        this.lineage = lineage;
        this.origins = origins;
        this.exceptions = exceptions;
    }

    @GetMapping("/console/lineage")
    String search(Caller caller, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String ref, Model model) {
        caller.requireReadAll();
        LineageSearch.Kind by = LineageSearch.Kind.parse(kind);
        model.addAttribute("kinds", LineageSearch.Kind.values());
        model.addAttribute("kind", by);
        model.addAttribute("ref", ref == null ? "" : ref.trim());
        if (ref != null && !ref.isBlank()) {
            List<LoggedEvent> found = log.findAll(search.trackingIds(by, ref)).stream()
                    .sorted(Comparator.comparingLong(LoggedEvent::position)).toList();
            model.addAttribute("events", found);
        }
        return "console/lineage";
    }

    @GetMapping("/console/events/{trackingId}")
    String event(Caller caller, @PathVariable String trackingId, Model model) {
        caller.requireReadAll();
        LoggedEvent event = parse(trackingId).flatMap(log::find)
                .orElseThrow(() -> ApiProblem.notFound("No event with tracking id '" + trackingId + "'."));
        model.addAttribute("event", event);
        model.addAttribute("json", Json.pretty(event.json()));
        model.addAttribute("steps", lineage.of(event));
        model.addAttribute("origin", origins.find(event.trackingId()).orElse(null));
        model.addAttribute("history", exceptions.history(event.trackingId()));
        return "console/event";
    }

    static java.util.Optional<UUID> parse(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            return parsed.toString().equalsIgnoreCase(id) ? java.util.Optional.of(parsed) : java.util.Optional.empty();
        } catch (IllegalArgumentException ex) {
            return java.util.Optional.empty();
        }
    }
}
