package io.millrace.storage;

import java.nio.file.Path;

/** JDBC URLs of the two supported databases. */
public final class DatabaseUrls {

    /**
     * H2 runs in PostgreSQL mode so that one set of migrations and queries serves both databases.
     * {@code WRITE_DELAY=0} writes every commit to the file before the commit returns: an
     * acknowledged event must survive the hub process being killed right after the 202.
     * {@code CACHE_SIZE} (in KB) keeps the working set of a busy hub in memory: with H2's default of
     * 64 MB, throughput fell by half once the log held about 100,000 events.
     */
    private static final String H2_SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;CACHE_SIZE=262144";

    private DatabaseUrls() {
    }

    public static String embedded(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("millrace") + H2_SETTINGS;
    }

    public static String inMemory(String name) {
        return "jdbc:h2:mem:" + name + H2_SETTINGS + ";DB_CLOSE_DELAY=-1";
    }

    /** An H2 database kept in files (not in memory, not on an H2 server). */
    public static boolean isEmbeddedFile(String url) {
        return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
                && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    public static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }
}
