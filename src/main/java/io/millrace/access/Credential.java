package io.millrace.access;

import java.time.Instant;

/** A stored API key: everything but the key itself, which exists only as {@code keyHash}. */
public record Credential(String keyId, String keyHash, String name, Role role, Scope scope,
                         Integer ratePerSecond, Instant createdAt) {

    public Caller caller() {
        return new Caller(keyId, name, role, scope, ratePerSecond);
    }
}
