package io.millrace.access;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Issues API keys and keeps the bootstrap admin key of {@code --admin-key}. */
@Service
public class KeyIssuer {

    private static final Logger log = LoggerFactory.getLogger(KeyIssuer.class);

    /** A freshly issued key: {@code apiKey} is shown once and never stored. */
    public record IssuedKey(String keyId, String apiKey) {
    }

    private final Credentials credentials;
    private final Clock clock;

    KeyIssuer(Credentials credentials, ObjectProvider<Clock> clock) {
        this.credentials = credentials;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    IssuedKey issue(KeyRequest request, Caller issuer) {
        String key = ApiKeys.newKey();
        String keyId = ApiKeys.newKeyId();
        credentials.add(new Credential(keyId, ApiKeys.hash(key), request.name(), request.role(), request.scope(),
                request.ratePerSecond(), clock.instant()));
        log.info("Key {} ({}, role {}) issued by {}", keyId, request.name(), request.role(), issuer.keyId());
        return new IssuedKey(keyId, key);
    }

    /** Creates an admin credential for {@code adminKey} unless one already exists; answers its key id. */
    public String keepAdminKey(String adminKey) {
        String hash = ApiKeys.hash(adminKey);
        return credentials.findByKeyHash(hash).map(Credential::keyId).orElseGet(() -> {
            String keyId = ApiKeys.newKeyId();
            if (!credentials.add(new Credential(keyId, hash, "admin (--admin-key)", Role.ADMIN, Scope.unrestricted(),
                    null, clock.instant()))) {
                return credentials.findByKeyHash(hash).orElseThrow().keyId();
            }
            log.info("Admin key {} created from --admin-key", keyId);
            return keyId;
        });
    }
}
