package io.millrace.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit?actor=&action=&subject=&from=&to=&limit=&cursor=} and
 * {@code GET /api/v1/audit/verify}, for auditors and admins (the access policy admits no other
 * role to these paths).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x7e]{1,512}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    record RecordView(long position, Instant recordedAt, String actor, String action, String subject,
                      @JsonRawValue String before, @JsonRawValue String after, String previousHash, String hash) {
        static RecordView of(AuditRecord r) {
            return new RecordView(r.position(), r.recordedAt(), r.actor(), r.action(), r.subject(), r.before(),
                    r.after(), r.previousHash(), r.hash());
        }
    }

    record PageView(List<RecordView> records, int limit, String nextCursor) {
    }

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping
    PageView find(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                  @RequestParam(required = false) String subject, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
                  @RequestParam(required = false) String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT);
        AuditQuery query = new AuditQuery(text("actor", actor), text("action", action), text("subject", subject),
                time("from", from), time("to", to), cursor == null ? 0 : number("cursor", cursor, 0, Long.MAX_VALUE),
                size + 1);
        List<AuditRecord> found = log.find(query);
        boolean more = found.size() > size;
        List<AuditRecord> page = more ? found.subList(0, size) : found;
        return new PageView(page.stream().map(RecordView::of).toList(), size,
                more ? Long.toString(page.get(page.size() - 1).position()) : null);
    }

    @GetMapping("/verify")
    AuditLog.Verification verify() {
        return log.verify();
    }

    private static String text(String name, String value) {
        if (value != null && !TEXT.matcher(value).matches()) {
            throw invalid(name, "must be 1-512 printable ASCII characters");
        }
        return value;
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException ex) {
            throw invalid(name, "must be an RFC 3339 timestamp with a zone, e.g. 2026-11-26T08:15:00Z");
        }
    }

    private static long number(String name, String value, long min, long max) {
        if (NUMBER.matcher(value).matches()) {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw invalid(name, "must be a whole number from " + min + " to " + max);
    }

    private static ApiProblem invalid(String name, String message) {
        return ApiProblem.invalid("Parameter " + name + " " + message + ".",
                List.of(FieldError.at(name, name + " " + message)));
    }
}
