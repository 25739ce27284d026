package io.millrace.outbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of a webhook request under the subscriber's secret. Standard Webhooks
 * (standardwebhooks.com): {@code webhook-id} (the same for every retry of one body, so that a
 * receiver can drop repeats), {@code webhook-timestamp} (Unix seconds, so that a receiver can
 * refuse replays) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}.
 * A secret of the form {@code whsec_<base64>} is used as the base64-decoded key, as that
 * specification's secrets are; any other secret as its UTF-8 bytes. For receivers written before,
 * {@code X-Millrace-Signature: sha256=<hex HMAC-SHA256 of the body>} is sent too.
 */
final class Signatures {

    static final String HEADER = "X-Millrace-Signature";
    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private static final String STANDARD_SECRET_PREFIX = "whsec_";

    private Signatures() {
    }

    /** Every signature header of one request, in the order they are sent. */
    static Map<String, String> headers(String secret, byte[] body, Instant now) {
        String id = messageId(body);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(SIGNATURE, standard(secret, id, timestamp, body));
        headers.put(HEADER, sign(secret, body));
        return headers;
    }

    static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static String standard(String secret, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signed));
    }

    /** Derived from the body, so a retry of the same messages carries the same id. */
    static String messageId(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static byte[] key(String secret) {
        if (secret.startsWith(STANDARD_SECRET_PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(STANDARD_SECRET_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // not a Standard Webhooks secret after all: sign with it as text, like any other
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
