package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.observability.KpiQueries;
import io.millrace.observability.SlaMonitor;
import io.millrace.observability.SlaMonitor.FlowStatus;
import io.millrace.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The key figures of the integration for one plant or all over a range (the last 24 hours unless
 * asked otherwise), the same figures as {@code GET /api/v1/kpis}, and beside them the service level
 * of every plant's flows now: how late each is against its threshold, and whether it is breached.
 */
@Controller
class KpiPageController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    private static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final KpiQueries kpis;
    private final SlaMonitor sla;
    private final Clock clock;

    KpiPageController(KpiQueries kpis, SlaMonitor sla, ObjectProvider<Clock> clock) {
        this.kpis = kpis;
        this.sla = sla;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/console/kpis")
    String page(Caller caller, @RequestParam(required = false) String plant,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        caller.requireReadAll();
        String code = LedgerPageController.blankToNull(plant);
        if (code != null && !CODE.matcher(code).matches()) {
            throw ApiProblem.badRequest("plant must be 1-64 characters of ASCII letters, digits and -_./, not '"
                    + code + "'.");
        }
        Instant end = blank(to) ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : time("to", to);
        Instant start = blank(from) ? end.minus(DEFAULT_RANGE) : time("from", from);
        if (!start.isBefore(end)) {
            throw ApiProblem.badRequest("from (" + start + ") must be before to (" + end + ").");
        }
        List<FlowStatus> flows = sla.flows().stream()
                .filter(f -> code == null || f.latency().plant().equals(code))
                .sorted(Comparator.comparing((FlowStatus f) -> f.latency().plant())
                        .thenComparing(f -> f.latency().flow()).thenComparing(f -> f.latency().measure()))
                .toList();
        model.addAttribute("plant", code == null ? "" : code);
        model.addAttribute("from", start.toString());
        model.addAttribute("to", end.toString());
        model.addAttribute("kpis", kpis.of(code, start, end));
        model.addAttribute("flows", flows);
        model.addAttribute("breached", flows.stream().filter(FlowStatus::breached).count());
        return "console/kpis";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** An RFC 3339 time, or a date and time without offset (as a browser's date-time field sends it) read as UTC. */
    static Instant time(String name, String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ex) {
                throw ApiProblem.badRequest(name + " must be a time such as 2026-11-01T00:00:00Z, not '"
                        + value.trim() + "'.");
            }
        }
    }
}
