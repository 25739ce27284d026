package io.millrace.access;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored API key: everything but the key itself, which exists only as {@code keyHash}. A key
 * works until it is revoked or its expiry (also the end of a rotated key's grace period) passes.
 */
public record Credential(String keyId, String keyHash, String name, Role role, Scope scope,
                         Integer ratePerSecond, Instant createdAt, Instant expiresAt, Instant revokedAt,
                         String revokedBy, String replacedBy) {

    public Credential(String keyId, String keyHash, String name, Role role, Scope scope, Integer ratePerSecond,
                      Instant createdAt, Instant expiresAt) {
        this(keyId, keyHash, name, role, scope, ratePerSecond, createdAt, expiresAt, null, null, null);
    }

    public Caller caller() {
        return new Caller(keyId, name, role, scope, ratePerSecond);
    }

    /** Why the key no longer works at {@code now}, if it does not. */
    Optional<String> refusal(Instant now) {
        if (revokedAt != null) {
            return Optional.of("The API key was revoked.");
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Optional.of(replacedBy != null ? "The API key was rotated and its grace period has ended."
                    : "The API key has expired.");
        }
        return Optional.empty();
    }

    String status(Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "EXPIRED" : "ACTIVE";
    }
}
