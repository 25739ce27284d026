package io.millrace.edge;

import io.millrace.access.Caller;
import io.millrace.web.ApiProblem;
import io.millrace.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates every request but the health probe: producers at the plant present the key the
 * edge agent forwards with, exactly as they would to the hub, and publish under its scope. Any
 * other key is refused with the hub's 401 problem.
 */
final class EdgeKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EdgeKeyFilter.class);
    private static final String BEARER = "Bearer ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] keyDigest;
    private final HubKey hubKey;

    EdgeKeyFilter(String key, HubKey hubKey) {
        this.keyDigest = digest(key);
        this.hubKey = hubKey;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            refuse(request, response, ApiProblem.unauthorized("An API key is required: Authorization: Bearer <key>."));
            return;
        }
        // compared as digests in constant time, so the time taken says nothing about the key
        if (!MessageDigest.isEqual(keyDigest, digest(header.substring(BEARER.length()).trim()))) {
            refuse(request, response, ApiProblem.unauthorized("The API key is not valid at this edge agent: send the "
                    + "key it forwards to the hub with."));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, hubKey.caller());
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        log.warn("Refused {} {} with {}: {}", request.getMethod(), request.getRequestURI(), problem.status().value(),
                problem.getMessage());
        ProblemDetail detail = ProblemResponses.of(problem);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", detail.getType().toString());
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        response.setStatus(problem.status().value());
        response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
