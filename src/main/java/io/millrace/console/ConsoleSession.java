package io.millrace.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a console session holds: the id of the key it signed in with (never the key) and the
 * token every form and partial update must send back (the synchronizer pattern against
 * cross-site request forgery; the SameSite=Strict cookie is the second line).
 */
final class ConsoleSession {

    static final String KEY_ID = "millrace.console.keyId";
    static final String CSRF = "millrace.console.csrf";
    /** The form field and the header (for htmx requests) that carry the token. */
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {
    }

    static Optional<String> keyId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(KEY_ID));
    }

    /** The session's token, made on first use; a session exists from the sign-in page on. */
    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    static boolean csrfMatches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null) {
            sent = request.getParameter(CSRF_FIELD);
        }
        return expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
