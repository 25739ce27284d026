package io.millrace.testing;

import io.millrace.storage.DatabaseUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embedded H2 databases in files under {@code target/it-data}, as the hub runs by default, so
 * that tests of a hub in the test JVM go through the same data source (one write transaction at
 * a time, durable commits) as a real hub.
 */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {
    }

    /** The JDBC URL of a new, empty embedded database. */
    public static String fresh(String name) {
        try {
            Path base = Files.createDirectories(Path.of("target", "it-data"));
            return DatabaseUrls.embedded(Files.createTempDirectory(base, name + "-"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
