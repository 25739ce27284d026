package io.millrace.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Size limits of {@code POST /api/v1/events} ({@code millrace.intake.*}): the whole body, one
 * event, and the number of events in a batch.
 */
@ConfigurationProperties("millrace.intake")
public record IntakeLimits(@DefaultValue("4MB") DataSize maxRequestBytes,
                           @DefaultValue("64KB") DataSize maxEventBytes,
                           @DefaultValue("1000") int maxBatchEvents) {

    public long requestBytes() {
        return maxRequestBytes.toBytes();
    }

    public long eventBytes() {
        return maxEventBytes.toBytes();
    }
}
