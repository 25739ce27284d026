package io.millrace.access;

import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/sources}: an admin issues a key for a producer (or another role), revokes or
 * rotates one; auditors and admins list them. Responses never hold a key's hash; a new key is
 * shown once, in the answer to the request that made it.
 */
@RestController
@RequestMapping("/api/v1/sources")
class SourcesController {

    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern KEY_ID = Pattern.compile("k-[0-9a-f]{16}");
    private static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    record KeyList(List<KeyIssuer.KeyView> keys) {
    }

    private final KeyIssuer issuer;
    private final EventCatalog catalog;

    SourcesController(KeyIssuer issuer, EventCatalog catalog) {
        this.issuer = issuer;
        this.catalog = catalog;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    KeyIssuer.IssuedKey issue(Caller caller, HttpServletRequest request) throws IOException {
        caller.requireAdmin();
        return issuer.issue(KeyRequest.parse(body(request, false), catalog), caller);
    }

    @GetMapping
    KeyList list(Caller caller) {
        caller.requireReadAll();
        return new KeyList(issuer.list());
    }

    @GetMapping("/{keyId}")
    KeyIssuer.KeyView one(Caller caller, @PathVariable String keyId) {
        caller.requireReadAll();
        return issuer.one(keyId(keyId));
    }

    @PostMapping("/{keyId}/revoke")
    KeyIssuer.KeyView revoke(Caller caller, @PathVariable String keyId) {
        caller.requireAdmin();
        return issuer.revoke(keyId(keyId), caller);
    }

    /** Body (optional): {@code {"graceSeconds": 3600}}, how long the old key keeps working (0 to 30 days). */
    @PostMapping("/{keyId}/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    KeyIssuer.RotatedKey rotate(Caller caller, @PathVariable String keyId, HttpServletRequest request)
            throws IOException {
        caller.requireAdmin();
        String id = keyId(keyId);
        return issuer.rotate(id, grace(body(request, true)), caller);
    }

    private static Duration grace(JsonNode body) {
        if (body == null) {
            return DEFAULT_GRACE;
        }
        if (!body.isObject()) {
            throw ApiProblem.invalid("The request must be a JSON object.", List.of(FieldError.at("", "must be a JSON object")));
        }
        for (String member : body.propertyNames()) {
            if (!member.equals("graceSeconds")) {
                throw ApiProblem.invalid("The rotation request has 1 error(s).", List.of(FieldError.at("/" + member,
                        "unknown member; expected one of " + Set.of("graceSeconds"))));
            }
        }
        JsonNode seconds = body.get("graceSeconds");
        if (seconds == null || seconds.isNull()) {
            return DEFAULT_GRACE;
        }
        long max = KeyIssuer.MAX_GRACE.toSeconds();
        if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.longValue() < 0
                || seconds.longValue() > max) {
            throw ApiProblem.invalid("The rotation request has 1 error(s).", List.of(FieldError.at("/graceSeconds",
                    "must be a whole number of seconds from 0 to " + max)));
        }
        return Duration.ofSeconds(seconds.longValue());
    }

    private static String keyId(String value) {
        if (!KEY_ID.matcher(value).matches()) {
            throw ApiProblem.notFound("There is no key '" + (value.length() > 40 ? value.substring(0, 40) + "..."
                    : value).replaceAll("\\p{Cntrl}", "?") + "'.");
        }
        return value;
    }

    private static JsonNode body(HttpServletRequest request, boolean optional) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large",
                        "A key request is at most " + MAX_BODY + " bytes.");
            }
            if (optional && new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return null;
            }
            return EventJson.mapper().readTree(bytes);
        } catch (JacksonException ex) {
            throw ApiProblem.badRequest("The body is not valid JSON: " + ex.getOriginalMessage()
                    + (ex.getLocation() == null ? "" : " (line " + ex.getLocation().getLineNr()
                    + ", column " + ex.getLocation().getColumnNr() + ")"));
        }
    }

}
