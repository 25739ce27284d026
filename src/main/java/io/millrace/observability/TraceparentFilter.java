package io.millrace.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Continues the producer's trace for an event sent over HTTP: the CloudEvents distributed-tracing
 * extension {@code traceparent} (in structured mode an attribute of the event, in binary mode the
 * {@code ce-traceparent} header) is handed to the tracing of the request as the W3C
 * {@code traceparent} header, unless the request carries one itself. It runs before the request's
 * observation starts; a structured event is read for it only when it is small enough to be one
 * event, and the body is passed on unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceparentFilter extends OncePerRequestFilter {

    static final String HEADER = "traceparent";
    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern ATTRIBUTE = Pattern.compile("\"traceparent\"\\s*:\\s*\"([^\"]{55})\"");
    private static final int MAX_EVENT_BYTES = 64 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) != null
                || !request.getRequestURI().startsWith("/api/v1/events");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String binary = request.getHeader("ce-" + HEADER);
        if (binary != null) {
            chain.doFilter(valid(binary) ? new WithTraceparent(request, binary, null) : request, response);
            return;
        }
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/cloudevents+json")
                || length < 0 || length > MAX_EVENT_BYTES) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        Matcher m = ATTRIBUTE.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        String traceparent = m.find() && valid(m.group(1)) ? m.group(1) : null;
        chain.doFilter(new WithTraceparent(request, traceparent, body), response);
    }

    private static boolean valid(String traceparent) {
        return W3C.matcher(traceparent).matches() && !traceparent.startsWith("ff");
    }

    /** The request with a {@code traceparent} header (when given) and its body read once already (when read). */
    private static final class WithTraceparent extends HttpServletRequestWrapper {
        private final String traceparent;
        private final byte[] body;

        WithTraceparent(HttpServletRequest request, String traceparent, byte[] body) {
            super(request);
            this.traceparent = traceparent;
            this.body = body;
        }

        @Override
        public String getHeader(String name) {
            return traceparent != null && HEADER.equalsIgnoreCase(name) ? traceparent : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return traceparent != null && HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(java.util.List.of(traceparent)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            java.util.List<String> names = Collections.list(super.getHeaderNames());
            if (traceparent != null) {
                names.add(HEADER);
            }
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                return super.getInputStream();
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
