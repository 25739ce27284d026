package io.millrace.eventlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** SHA-256 digests as lowercase hex. */
final class Digests {

    private Digests() {
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** The first 128 bits of the SHA-256 of {@code text}, as a UUID (a compact, fixed-width key). */
    static UUID sha256Uuid(String text) {
        ByteBuffer digest = ByteBuffer.wrap(sha256(text));
        return new UUID(digest.getLong(), digest.getLong());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
