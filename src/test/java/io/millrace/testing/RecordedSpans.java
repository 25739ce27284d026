package io.millrace.testing;

import io.millrace.eventlog.EventTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** Event tracing whose spans are kept in memory as they end, for tests to read. */
public final class RecordedSpans implements AutoCloseable {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final EventTracing tracing = new EventTracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

    public EventTracing tracing() {
        return tracing;
    }

    /** The spans ended so far, in the order they ended. */
    public List<SpanData> finished() {
        return exporter.getFinishedSpanItems();
    }

    @Override
    public void close() {
        provider.close();
    }
}
