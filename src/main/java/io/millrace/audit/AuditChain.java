package io.millrace.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical form and hash of a record: SHA-256 over the UTF-8 bytes of the JSON array
 * {@code [position, recordedAt, actor, action, subject, before, after, previousHash]}, the time
 * in ISO-8601 UTC at microsecond precision (what both databases store). JSON escaping makes the
 * boundaries between fields unambiguous whatever the fields contain.
 */
public final class AuditChain {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditChain() {
    }

    /** The time as stored: both databases keep microseconds. */
    static Instant storedTime(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(long position, Instant recordedAt, String actor, String action, String subject, String before,
                       String after, String previousHash) {
        String canonical = JSON.writeValueAsString(Arrays.asList(position, storedTime(recordedAt).toString(), actor,
                action, subject, before, after, previousHash));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
