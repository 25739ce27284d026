package io.millrace.eventlog;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
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
 * Delivering what an event produced is work on that event too; work for several events at once
 * (a summarised ERP move) is one span linked to each event's trace.
 */
public final class EventTracing {

    /** The log context keys; JSON log lines carry them as fields. */
    public static final String TRACKING_ID = "trackingId";
    public static final String CORRELATION_ID = "correlationId";

    /** No spans (nothing is exported anyway), the log context still set. */
    public static final EventTracing NONE = new EventTracing(OpenTelemetry.noop());

    private static final AttributeKey<String> TRACKED = AttributeKey.stringKey("millrace.tracking_id");
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
    private static final TextMapSetter<String[]> HOLDER = (carrier, key, value) -> {
        if ("traceparent".equals(key)) {
            carrier[0] = value;
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
        Span span = tracer.spanBuilder(work).setParent(context(traceparent))
                .setAttribute(TRACKED, trackingId == null ? "" : trackingId.toString())
                .startSpan();
        if (trackingId != null) {
            MDC.put(TRACKING_ID, trackingId.toString());
        }
        if (correlationId != null) {
            MDC.put(CORRELATION_ID, correlationId);
        }
        return new Scope(span, true);
    }

    /** Work on the event that {@code source} names. */
    public Scope open(String work, Source source) {
        return open(work, source.trackingId(), source.correlationId(), source.traceparent());
    }

    /**
     * Work for several events at once: with one, in its trace and log context; with more, one span
     * in a trace of its own linked to each event's trace (a trace has one parent), and no event's
     * ids in the log context, as the work is not one event's.
     */
    public Scope open(String work, List<Source> sources) {
        if (sources.size() == 1) {
            return open(work, sources.get(0));
        }
        SpanBuilder builder = tracer.spanBuilder(work).setNoParent();
        for (Source source : sources) {
            Span linked = Span.fromContext(context(source.traceparent()));
            if (linked.getSpanContext().isValid()) {
                builder.addLink(linked.getSpanContext(), Attributes.of(TRACKED,
                        source.trackingId() == null ? "" : source.trackingId().toString()));
            }
        }
        return new Scope(builder.startSpan(), false);
    }

    private static Context context(String traceparent) {
        return traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, VALUE);
    }

    private static String traceparent(Span span) {
        String[] holder = new String[1];
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), holder, HOLDER);
        return holder[0];
    }

    /** The {@code traceparent} attribute of an event's JSON, or null; a string search first, as most have none. */
    public static String traceparent(String json) {
        if (json == null || !json.contains(ATTRIBUTE)) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** The ids and W3C {@code traceparent} (null when none) of an event that later work is for. */
    public record Source(UUID trackingId, String correlationId, String traceparent) {
    }

    /** Work in progress; closing it ends the span and clears the log context. */
    public static final class Scope implements AutoCloseable {

        private final Span span;
        private final io.opentelemetry.context.Scope current;
        private final boolean logContext;
        private boolean endsLater;

        private Scope(Span span, boolean logContext) {
            this.span = span;
            this.current = span.makeCurrent();
            this.logContext = logContext;
        }

        /**
         * The W3C {@code traceparent} to send on, so that a receiver continues this work's trace;
         * without tracing, the event's own (a receiver still joins the producer's trace); null when
         * there is neither.
         */
        public String traceparent() {
            return EventTracing.traceparent(span);
        }

        /** The work failed or was refused: an error on the span, with the exception as its event. */
        public void failed(Throwable failure) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            span.recordException(failure);
        }

        /**
         * For work that completes on another thread (a record the broker acknowledges later): the
         * span ends when the answer is called, with its failure (null for none), not at close.
         */
        public java.util.function.Consumer<Throwable> endLater() {
            endsLater = true;
            return failure -> {
                if (failure != null) {
                    failed(failure);
                }
                span.end();
            };
        }

        @Override
        public void close() {
            if (logContext) {
                MDC.remove(TRACKING_ID);
                MDC.remove(CORRELATION_ID);
            }
            current.close();
            if (!endsLater) {
                span.end();
            }
        }
    }
}
