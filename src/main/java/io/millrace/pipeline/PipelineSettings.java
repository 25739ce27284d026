package io.millrace.pipeline;

import java.time.Duration;

/**
 * How the processor runs: {@code parkWindow} (millrace.pipeline.park-window, default 10m),
 * {@code batchSize} events per transaction (millrace.pipeline.batch-size, default 500),
 * {@code pollInterval} for work another instance accepted (millrace.pipeline.poll-interval,
 * default 200ms) and whether the background applier runs at all (millrace.pipeline.enabled).
 */
public record PipelineSettings(Duration parkWindow, int batchSize, Duration pollInterval, boolean enabled) {

    public PipelineSettings {
        if (parkWindow.isNegative()) {
            throw new IllegalArgumentException("millrace.pipeline.park-window must not be negative: " + parkWindow);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("millrace.pipeline.batch-size must be at least 1: " + batchSize);
        }
    }
}
