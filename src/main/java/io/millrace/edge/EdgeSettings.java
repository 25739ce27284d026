package io.millrace.edge;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the edge agent was told ({@code millrace.edge.*}): the hub's base URL and the key it
 * forwards with, where it keeps its files, and how it forwards: events per batch, bytes per batch
 * (below the hub's request limit), how long one request may take, how it backs off while the hub is
 * unavailable, and how often it asks the hub for its catalog and the key's scope.
 */
@ConfigurationProperties("millrace.edge")
public record EdgeSettings(URI hub, String key, Path dataDir,
                           @DefaultValue("500") int batchSize,
                           @DefaultValue("3MB") DataSize maxBatchBytes,
                           @DefaultValue("30s") Duration requestTimeout,
                           @DefaultValue("500ms") Duration initialBackoff,
                           @DefaultValue("10s") Duration maxBackoff,
                           @DefaultValue("1m") Duration refreshEvery) {

    public EdgeSettings {
        if (hub == null || key == null || key.isBlank() || dataDir == null) {
            throw new IllegalArgumentException("millrace.edge.hub, .key and .data-dir are required");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("millrace.edge.batch-size must be 1 to 1000 (the hub's batch limit)");
        }
    }
}
