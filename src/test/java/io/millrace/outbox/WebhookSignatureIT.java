package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber checks a delivered request as the Standard Webhooks specification tells receivers
 * to, with nothing but the shared secret and the JDK: the signed content is
 * {@code id.timestamp.body}, the key is the base64 part of a {@code whsec_} secret, the
 * timestamp must be recent, and any {@code v1,} signature in the header may match.
 */
class WebhookSignatureIT {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "a 32-byte key for the subscriber".getBytes(StandardCharsets.UTF_8));
    private static final Instant SENT = Instant.parse("2026-12-02T10:00:00Z");

    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void aReceiverVerifiesTheDeliveredSignatureWithTheSharedSecret() throws Exception {
        CloudEventBodies.Body body = deliver(SECRET, SENT);

        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.body()).isEqualTo(body.bytes());
        assertThat(verifies(SECRET, request.headers(), request.body(), SENT.plusSeconds(20))).isTrue();
        assertThat(request.headers().get("webhook-id")).startsWith("msg_");
        assertThat(request.headers().get("webhook-timestamp")).isEqualTo(Long.toString(SENT.getEpochSecond()));
        assertThat(request.signature()).as("the earlier header is kept").isEqualTo(Signatures.sign(SECRET, body.bytes()));
    }

    @Test
    void aChangedBodyAWrongSecretOrAStaleTimestampDoNotVerify() throws Exception {
        deliver(SECRET, SENT);
        Receiver.Request request = receiver.requests().get(0);
        byte[] tampered = new String(request.body(), StandardCharsets.UTF_8).replace("P100", "P200")
                .getBytes(StandardCharsets.UTF_8);
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(verifies(SECRET, request.headers(), tampered, SENT)).isFalse();
        assertThat(verifies(otherSecret, request.headers(), request.body(), SENT)).isFalse();
        assertThat(verifies(SECRET, request.headers(), request.body(), SENT.plus(Duration.ofMinutes(6)))).isFalse();
    }

    @Test
    void aRetryOfTheSameBodyKeepsItsIdUnderANewTimestamp() throws Exception {
        deliver(SECRET, SENT);
        deliver(SECRET, SENT.plusSeconds(30));

        Receiver.Request first = receiver.requests().get(0);
        Receiver.Request retry = receiver.requests().get(1);
        assertThat(retry.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));
        assertThat(retry.headers().get("webhook-timestamp")).isNotEqualTo(first.headers().get("webhook-timestamp"));
        assertThat(verifies(SECRET, retry.headers(), retry.body(), SENT.plusSeconds(30))).isTrue();
    }

    @Test
    void aPlainTextSecretSignsWithItsBytes() throws Exception {
        deliver("s3cret", SENT);

        Receiver.Request request = receiver.requests().get(0);
        String id = request.headers().get("webhook-id");
        String expected = "v1," + Base64.getEncoder().encodeToString(hmac("s3cret".getBytes(StandardCharsets.UTF_8),
                (id + "." + SENT.getEpochSecond() + "." + new String(request.body(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(request.headers().get("webhook-signature")).isEqualTo(expected);
    }

    private CloudEventBodies.Body deliver(String secret, Instant now) throws Exception {
        OutboxProperties.Webhook webhook = new OutboxProperties.Webhook("erp", receiver.url(), List.of(), secret, 1);
        WebhookClient client = new WebhookClient(webhook, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Clock.fixed(now, ZoneOffset.UTC));
        CloudEventBodies.Body body = CloudEventBodies.of(List.of(new StoredMessage(1L,
                UUID.fromString("7b0c8a8e-3f7d-4a59-9c43-3a1d7d0a0001"), "mfg.finance.journal.posted",
                "urn:millrace:hub", "JE-1", "P100", "MO-1", UUID.fromString("7b0c8a8e-3f7d-4a59-9c43-3a1d7d0a0002"),
                Instant.parse("2026-12-02T09:59:00Z"), "{\"amount\":12.50}", null)), false);
        client.post(body, null);
        return body;
    }

    /** What a receiver does: the Standard Webhooks verification, written from the specification. */
    private static boolean verifies(String secret, Map<String, String> headers, byte[] body, Instant receivedAt)
            throws Exception {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null
                || Math.abs(receivedAt.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] expected = hmac(key, (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
