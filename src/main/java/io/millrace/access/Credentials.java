package io.millrace.access;

import java.util.Optional;

/** The stored API keys. */
public interface Credentials {

    Optional<Credential> findByKeyHash(String keyHash);

    /** Stores a new credential; false when a credential with the same key hash already exists. */
    boolean add(Credential credential);
}
