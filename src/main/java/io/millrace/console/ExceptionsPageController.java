package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.accounting.posting.ReasonCode;
import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventTypeDescriptor;
import io.millrace.pipeline.ExceptionFilter;
import io.millrace.pipeline.ExceptionItem;
import io.millrace.pipeline.ExceptionQueue;
import io.millrace.pipeline.ExceptionStatus;
import io.millrace.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The exception queue: filters by plant, reason, type, age and status; bulk retry and discard,
 * approve. Every decision goes through {@link ExceptionQueue} exactly as the API's, so it is
 * serialized with the applier and written to the audit log with the signed-in key as actor.
 */
@Controller
class ExceptionsPageController {

    static final int PAGE = 50;
    /** The age filter: older than this. */
    static final Map<String, Duration> AGES = new LinkedHashMap<>();

    static {
        AGES.put("5m", Duration.ofMinutes(5));
        AGES.put("1h", Duration.ofHours(1));
        AGES.put("1d", Duration.ofDays(1));
        AGES.put("7d", Duration.ofDays(7));
    }

    private final ExceptionQueue queue;
    private final EventCatalog catalog;
    private final Clock clock;

    ExceptionsPageController(ExceptionQueue queue, EventCatalog catalog, ObjectProvider<Clock> clock) {
        this.queue = queue;
        this.catalog = catalog;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/console/exceptions")
    String list(Caller caller, @RequestParam(required = false) String status,
                @RequestParam(required = false) String plant, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String type, @RequestParam(required = false) String age,
                @RequestParam(required = false, defaultValue = "0") int offset, Model model) {
        caller.requireReadAll();
        String wanted = status == null ? ExceptionStatus.OPEN.name() : blankToNull(status.toUpperCase(Locale.ROOT));
        Duration older = age == null ? null : AGES.get(age);
        ExceptionFilter filter = new ExceptionFilter(wanted, blankToNull(plant), blankToNull(reason), blankToNull(type),
                older == null ? null : clock.instant().minus(older));
        int from = Math.max(0, offset);
        model.addAttribute("page", queue.find(filter, from, PAGE));
        model.addAttribute("filter", filter);
        model.addAttribute("age", older == null ? "" : age);
        model.addAttribute("offset", from);
        model.addAttribute("pageSize", PAGE);
        model.addAttribute("statuses", Arrays.stream(ExceptionStatus.values()).map(Enum::name).toList());
        model.addAttribute("reasons", Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
        model.addAttribute("types", catalog.types().stream().map(EventTypeDescriptor::type).toList());
        model.addAttribute("ages", AGES.keySet());
        model.addAttribute("now", clock.instant());
        return "console/exceptions";
    }

    /** Retries or discards every selected exception; each is its own decision, so one refusal stops none of the others. */
    @PostMapping("/console/exceptions/bulk")
    String bulk(Caller caller, @RequestParam(name = "action") String action,
                @RequestParam(name = "ids", required = false) List<String> ids,
                @RequestParam(name = "back", required = false) String back, RedirectAttributes redirect) {
        caller.requireOperator();
        if (!action.equals("retry") && !action.equals("discard")) {
            throw ApiProblem.badRequest("action must be retry or discard, not '" + action + "'.");
        }
        List<String> refused = new ArrayList<>();
        int done = 0;
        for (String id : ids == null ? List.<String>of() : ids) {
            try {
                UUID exception = EventPageController.parse(id)
                        .orElseThrow(() -> ApiProblem.notFound("No exception with id '" + id + "'."));
                if (action.equals("retry")) {
                    queue.retry(exception, caller.actor());
                } else {
                    queue.discard(exception, caller.actor());
                }
                done++;
            } catch (ApiProblem problem) {
                refused.add(problem.getMessage());
            }
        }
        redirect.addFlashAttribute("notice", (action.equals("retry") ? "Retried " : "Discarded ") + done
                + (done == 1 ? " exception." : " exceptions.") + (ids == null || ids.isEmpty() ? " None was selected." : ""));
        redirect.addFlashAttribute("refusals", refused);
        return "redirect:" + sameConsolePage(back, "/console/exceptions");
    }

    @PostMapping("/console/exceptions/{id}/approve")
    String approve(Caller caller, @PathVariable String id, @RequestParam(name = "back", required = false) String back,
                   RedirectAttributes redirect) {
        caller.requireOperator();
        UUID exception = EventPageController.parse(id)
                .orElseThrow(() -> ApiProblem.notFound("No exception with id '" + id + "'."));
        ExceptionItem after = queue.approve(exception, caller.actor());
        redirect.addFlashAttribute("notice", "Approved: the invoice of exception " + id + " is " + after.status() + ".");
        return "redirect:" + sameConsolePage(back, "/console/exceptions");
    }

    @PostMapping("/console/exceptions/{id}/{action:retry|discard}")
    String one(Caller caller, @PathVariable String id, @PathVariable String action,
               @RequestParam(name = "back", required = false) String back, RedirectAttributes redirect) {
        return bulk(caller, action, List.of(id), back, redirect);
    }

    /** Only a console path of this hub is followed back to, never another site. */
    static String sameConsolePage(String back, String fallback) {
        if (back == null || !back.startsWith("/console") || back.contains("//") || back.contains("\\")) {
            return fallback;
        }
        return UriComponentsBuilder.fromUriString(back).build().toUriString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
