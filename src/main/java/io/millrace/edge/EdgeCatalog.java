package io.millrace.edge;

import io.millrace.catalog.ActiveCatalog;
import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog the edge agent validates against: the hub's, as last fetched and cached on disk, so
 * that it survives a restart during an outage; the catalog shipped with the product when the hub
 * was never reached from this data directory (a plant may start its edge agent during an outage).
 */
public final class EdgeCatalog implements ActiveCatalog {

    static final String FILE = "hub-catalog.json";
    private static final Logger log = LoggerFactory.getLogger(EdgeCatalog.class);

    /** Where the catalog in use comes from. */
    public enum Origin {
        /** Fetched from the hub since this edge agent started. */
        HUB,
        /** The hub's, as cached by an earlier run; the hub has not been reached since start-up. */
        CACHE,
        /** Shipped with the product: the hub was never reached from this data directory. */
        BUILT_IN
    }

    /** The catalog in use, where it comes from, when it was learnt from the hub and its digest. */
    public record Snapshot(EventCatalog catalog, Origin origin, Instant learnedAt, String digest) {
    }

    private final Path cacheFile;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private EdgeCatalog(Path cacheFile, Clock clock, Snapshot snapshot) {
        this.cacheFile = cacheFile;
        this.clock = clock;
        this.snapshot = snapshot;
    }

    /** The cached hub catalog of {@code dataDir} if there is a readable one, else the built-in one. */
    public static EdgeCatalog open(Path dataDir, Clock clock) {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                EventCatalog cached = EventCatalog.fromPublished(EventJson.mapper().readTree(text));
                return new EdgeCatalog(file, clock, new Snapshot(cached, Origin.CACHE,
                        Files.getLastModifiedTime(file).toInstant(), LocalFiles.sha256(text)));
            } catch (IOException | RuntimeException ex) {
                log.warn("The cached hub catalog {} cannot be used ({}); validating against the built-in catalog "
                        + "until the hub is reached", file, ex.getMessage());
            }
        }
        return new EdgeCatalog(file, clock, new Snapshot(EventCatalog.loadDefault(), Origin.BUILT_IN, null, null));
    }

    @Override
    public EventCatalog current() {
        return snapshot.catalog();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Adopts the catalog the hub published ({@code GET /api/v1/catalog}) and caches it.
     *
     * @throws IllegalArgumentException when the body is not a catalog; the one in use stays
     */
    public synchronized void adopt(String published) throws IOException {
        String digest = LocalFiles.sha256(published);
        Snapshot now = snapshot;
        if (digest.equals(now.digest())) {
            snapshot = new Snapshot(now.catalog(), Origin.HUB, clock.instant(), digest);
            return;
        }
        EventCatalog fetched = EventCatalog.fromPublished(EventJson.mapper().readTree(published));
        LocalFiles.replace(cacheFile, published);
        snapshot = new Snapshot(fetched, Origin.HUB, clock.instant(), digest);
        log.info("Validating against the hub's catalog ({} event types), cached in {}", fetched.types().size(),
                cacheFile);
    }
}
