package io.millrace.eventlog;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Work on one event in that event's trace and log context: a span that continues the trace the
 * event arrived in (its CloudEvents {@code traceparent}, kept in the logged event) or starts one
 * when it came without, and the event's tracking id and correlation id in the log context (MDC)
 * until the work is done. A span per event, because a span that is not exported costs a few
 * objects, and a span per event is what lets one event be followed from intake to the ERP.
 */
public final class EventTracing {

    /** The log context keys; JSON log lines carry them as fields. */
    public static final String TRACKING_ID = "trackingId";
    public static final String CORRELATION_ID = "correlationId";

    /** No spans (nothing is exported anyway), the log context still set. */
    public static final EventTracing NONE = new EventTracing(OpenTelemetry.noop());

    private static final String ATTRIBUTE = "\"traceparent\"";
    private static final Pattern TRACEPARENT = Pattern.compile(ATTRIBUTE + "\\s*:\\s*\"([^\"]{55})\"");
    private static final TextMapGetter<String> VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.millrace");
    }

    /** Work on one event; closing the scope ends the span and clears the log context. */
    public Scope open(String work, LoggedEvent event) {
        return open(work, event.trackingId(), event.correlationId(), traceparent(event.json()));
    }

    /**
     * Work on the event with this tracking id, correlation id and W3C {@code traceparent} (null when
     * it has none, or unknown: a new trace).
     */
    public Scope open(String work, UUID trackingId, String correlationId, String traceparent) {
        Context parent = traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, VALUE);
        Span span = tracer.spanBuilder(work).setParent(parent)
                .setAttribute("millrace.tracking_id", trackingId == null ? "" : trackingId.toString())
                .startSpan();
        io.opentelemetry.context.Scope current = span.makeCurrent();
        if (trackingId != null) {
            MDC.put(TRACKING_ID, trackingId.toString());
        }
        if (correlationId != null) {
            MDC.put(CORRELATION_ID, correlationId);
        }
        return () -> {
            MDC.remove(TRACKING_ID);
            MDC.remove(CORRELATION_ID);
            current.close();
            span.end();
        };
    }

    /** The {@code traceparent} attribute of an event's JSON, or null; a string search first, as most have none. */
    public static String traceparent(String json) {
        if (json == null || !json.contains(ATTRIBUTE)) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** The end of work on an event. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
