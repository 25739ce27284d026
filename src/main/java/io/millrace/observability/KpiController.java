package io.millrace.observability;

import io.millrace.access.Caller;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/kpis?plant=&from=&to=} (auditor, operator, admin): the key figures of one
 * plant, or of all, over {@code [from, to)} (RFC 3339 times; by default the last 24 hours).
 */
@RestController
class KpiController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    private static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final KpiQueries kpis;
    private final Clock clock;

    KpiController(KpiQueries kpis, ObjectProvider<Clock> clock) {
        this.kpis = kpis;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/kpis")
    Kpis kpis(Caller caller, @RequestParam(required = false) String plant,
              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        caller.requireReadAll();
        if (plant != null && !CODE.matcher(plant).matches()) {
            throw invalid("plant", "must be 1-64 characters of ASCII letters, digits and -_./");
        }
        Instant end = to == null ? clock.instant() : time("to", to);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : time("from", from);
        if (!start.isBefore(end)) {
            throw invalid("from", "must be before to");
        }
        return kpis.of(plant, start, end);
    }

    private static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException ex) {
            throw invalid(name, "must be an RFC 3339 time such as 2026-11-01T00:00:00Z");
        }
    }

    private static ApiProblem invalid(String name, String message) {
        return ApiProblem.invalid("Parameter " + name + " " + message + ".",
                List.of(FieldError.at(name, name + " " + message)));
    }
}
