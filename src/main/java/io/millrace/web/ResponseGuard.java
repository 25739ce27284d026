package io.millrace.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outermost filter. It puts the security headers on every response (a content security
 * policy, no framing, no content sniffing, no referrer; {@code no-store} on the key endpoints,
 * whose answers carry keys) and turns an exception thrown by any later filter into a 500 problem
 * that names nothing internal, as the controller advice does for controllers (503 with
 * {@code Retry-After} when the database could not be reached: {@link StorageUnavailable}).
 */
public final class ResponseGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ResponseGuard.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The API answers JSON only: nothing may load, run or frame. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /**
     * The console's pages are rendered by the hub and load only its own script, styles and images:
     * no inline script or style, forms post to the hub only, htmx and the chart fetch from it only.
     */
    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** The browsable API description loads its own scripts and styles and reads /v3/api-docs. */
    static final String API_DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static String policyFor(String path) {
        if (path.equals("/console") || path.startsWith("/console/")) {
            return CONSOLE_POLICY;
        }
        return path.startsWith("/swagger-ui") ? API_DOCS_POLICY : API_POLICY;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        String path = request.getRequestURI();
        response.setHeader("Content-Security-Policy", policyFor(path));
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (path.startsWith("/api/v1/sources")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException ex) {
            if (StorageUnavailable.is(ex) && !response.isCommitted()) {
                log.warn("The database is unreachable in {} {}: {}", request.getMethod(), path, ex.toString());
                response.resetBuffer();
                response.setHeader("Retry-After", Integer.toString(StorageUnavailable.RETRY_AFTER_SECONDS));
                writeProblem(response, HttpStatus.SERVICE_UNAVAILABLE, StorageUnavailable.DETAIL);
                return;
            }
            log.error("Unexpected error in {} {}", request.getMethod(), path, ex);
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            writeProblem(response, HttpStatus.INTERNAL_SERVER_ERROR,
                    "The hub could not complete the request; nothing was changed.");
        }
    }

    static void writeProblem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "urn:millrace:problem:" + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
