package io.millrace.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored API keys. */
public interface Credentials {

    Optional<Credential> findByKeyHash(String keyHash);

    Optional<Credential> findById(String keyId);

    /** Every key, oldest first. */
    List<Credential> all();

    /** Stores a new credential; false when a credential with the same key hash already exists. */
    boolean add(Credential credential);

    /** Marks a key revoked; false when there is no such key or it is revoked already. */
    boolean revoke(String keyId, Instant at, String by);

    /** Ends a rotated key's life at {@code expiresAt} and names the key that replaces it. */
    void retire(String keyId, Instant expiresAt, String replacedBy);
}
