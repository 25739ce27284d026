package io.millrace.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private static Credential expiring(Instant expiresAt) {
        return new Credential("k-1", "h", "n", Role.AUDITOR, Scope.unrestricted(), null, NOW.minusSeconds(60), expiresAt);
    }

    @Test
    void aKeyWorksUntilTheInstantItExpires() {
        assertThat(expiring(null).refusal(NOW)).isEmpty();
        assertThat(expiring(NOW.plusMillis(1)).refusal(NOW)).isEmpty();
        assertThat(expiring(NOW).refusal(NOW)).hasValue("The API key has expired.");
        assertThat(expiring(NOW).status(NOW)).isEqualTo("EXPIRED");
    }

    @Test
    void aRevokedKeyIsRefusedWhateverItsExpiry() {
        Credential revoked = new Credential("k-1", "h", "n", Role.AUDITOR, Scope.unrestricted(), null, NOW, null,
                NOW, "key:k-admin", null);
        assertThat(revoked.refusal(NOW)).hasValue("The API key was revoked.");
        assertThat(revoked.status(NOW)).isEqualTo("REVOKED");
    }
}
