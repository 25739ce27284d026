package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.access.KeySignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every console path: the sign-in page and the static assets are open; everything else
 * needs a signed-in session whose key still works (checked on each request, so a revoked key is
 * out at once), and every request that is not a GET must carry the session's CSRF token. Pages
 * are never cached, since they show the books.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionFilter.class);

    private final KeySignIn signIn;

    ConsoleSessionFilter(KeySignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/console") || path.startsWith("/console/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/console/assets/") || path.startsWith("/console/webjars/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read && !ConsoleSession.csrfMatches(request)) {
            log.warn("Refused console {} {}: missing or wrong CSRF token", request.getMethod(), path);
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (path.equals("/console/sign-in")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = ConsoleSession.keyId(request).flatMap(signIn::current);
        if (caller.isEmpty()) {
            if (request.getSession(false) != null && ConsoleSession.keyId(request).isPresent()) {
                request.getSession().invalidate();
            }
            String target = request.getContextPath() + "/console/sign-in";
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(target);
            }
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }
}
