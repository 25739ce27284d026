package io.millrace.testing;

import io.millrace.storage.DatabaseUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Embedded H2 databases in files under {@code target/it-data}, as the hub runs by default, so
 * that tests of a hub in the test JVM go through the same data source (one write transaction at
 * a time, durable commits) as a real hub. Folders left by builds more than a day old are removed.
 */
public final class EmbeddedDatabases {

    private static final Path BASE = Path.of("target", "it-data");

    private EmbeddedDatabases() {
    }

    /** The JDBC URL of a new, empty embedded database. */
    public static String fresh(String name) {
        try {
            Files.createDirectories(BASE);
            removeStale();
            return DatabaseUrls.embedded(Files.createTempDirectory(BASE, name + "-"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void removeStale() throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        try (Stream<Path> folders = Files.list(BASE)) {
            for (Path folder : folders.toList()) {
                if (Files.getLastModifiedTime(folder).compareTo(cutoff) < 0) {
                    FileSystemUtils.deleteRecursively(folder);
                }
            }
        }
    }
}
