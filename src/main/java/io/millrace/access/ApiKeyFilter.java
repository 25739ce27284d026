package io.millrace.access;

import io.millrace.web.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request but the health probe by its bearer key, applies the role rules and
 * the key's rate, and stores the {@link Caller} for the controllers. Every refused call is logged
 * with the key id (never the key).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "Bearer ";

    private final Credentials credentials;
    private final CallerCache cache;
    private final RateLimits rateLimits;
    private final AuthenticationFailures failures;
    private final Clock clock;

    ApiKeyFilter(Credentials credentials, CallerCache cache, RateLimits rateLimits, AuthenticationFailures failures,
                 Clock clock) {
        this.credentials = credentials;
        this.cache = cache;
        this.rateLimits = rateLimits;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        // the console signs people in with a key and keeps them in a session of its own (its filter
        // checks the key on every request); the API description and its browsable page hold no data
        // (every operation they describe needs a key)
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/console") || path.startsWith("/console/")
                || ("GET".equals(request.getMethod()) && ApiDocs.isPublic(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        String address = request.getRemoteAddr();
        OptionalLong blocked = failures.blocked(address);
        if (blocked.isPresent()) {
            response.setHeader("Retry-After", Long.toString(blocked.getAsLong()));
            refuse(request, response, "-", new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "authentication-throttled",
                    "Too many failed authentications", "More than " + failures.limitPerMinute()
                    + " failed authentications from this address in a minute; retry after " + blocked.getAsLong()
                    + " s.", java.util.List.of(), Map.of("retryAfterSeconds", blocked.getAsLong())));
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            failures.failed(address);
            refuse(request, response, "-", ApiProblem.unauthorized(
                    "An API key is required: Authorization: Bearer <key>."));
            return;
        }
        String keyHash = ApiKeys.hash(header.substring(BEARER.length()).trim());
        Optional<Credential> found = cache.get(keyHash, credentials::findByKeyHash);
        if (found.isEmpty()) {
            failures.failed(address);
            refuse(request, response, "unknown", ApiProblem.unauthorized("The API key is not valid."));
            return;
        }
        Optional<String> dead = found.get().refusal(clock.instant());
        if (dead.isPresent()) {
            failures.failed(address);
            refuse(request, response, found.get().keyId(), ApiProblem.unauthorized(dead.get()));
            return;
        }
        Caller caller = found.get().caller();
        Optional<String> refusal = AccessPolicy.refusal(caller.role(), request.getMethod(), path);
        if (refusal.isPresent()) {
            refuse(request, response, caller.keyId(), ApiProblem.forbidden(refusal.get()));
            return;
        }
        OptionalLong retryAfter = rateLimits.admit(caller);
        if (retryAfter.isPresent()) {
            response.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
            refuse(request, response, caller.keyId(), new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests", "This key may make " + caller.ratePerSecond()
                    + " requests per second; retry after " + retryAfter.getAsLong() + " s.",
                    java.util.List.of(), Map.of("retryAfterSeconds", retryAfter.getAsLong())));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status == 401 || status == 403 || status == 429
                || (status >= 400 && status < 500 && path.equals("/api/v1/events") && "POST".equals(request.getMethod()))) {
            log.warn("Refused {} {} with {} for key {}", request.getMethod(), path, status, caller.keyId());
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String keyId,
                               ApiProblem problem) throws IOException {
        log.warn("Refused {} {} with {} for key {}: {}", request.getMethod(), path(request), problem.status().value(),
                keyId, problem.getMessage());
        ProblemWriter.write(response, problem);
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
