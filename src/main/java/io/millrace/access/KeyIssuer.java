package io.millrace.access;

import io.millrace.audit.AuditTrail;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle of API keys: issue (with an optional expiry), list, revoke, and rotate (a new key
 * with the same name, role and scope; the old one keeps working for a grace period). Every change
 * is recorded in the audit log in the same transaction, and keeps the bootstrap admin key of
 * {@code --admin-key}.
 */
@Service
public class KeyIssuer {

    private static final Logger log = LoggerFactory.getLogger(KeyIssuer.class);

    /** The shortest {@code --admin-key} accepted: 32 characters, about as hard to guess as an issued key. */
    public static final int MIN_ADMIN_KEY_LENGTH = 32;
    static final Duration MAX_GRACE = Duration.ofDays(30);

    /** A freshly issued key: {@code apiKey} is shown once and never stored. */
    public record IssuedKey(String keyId, String apiKey) {
    }

    /** A rotated key: the new key (shown once) and when the one it replaces stops working. */
    public record RotatedKey(String keyId, String apiKey, String replaces, Instant replacedKeyExpiresAt) {
    }

    /** A key as listed and as recorded in the audit log: never the key or its hash. */
    public record KeyView(String keyId, String name, String role, Set<String> sources, Set<String> plants,
                          Set<String> eventTypes, Integer ratePerSecond, Instant createdAt, Instant expiresAt,
                          Instant revokedAt, String revokedBy, String replacedBy, String status) {
        static KeyView of(Credential c, Instant now) {
            return new KeyView(c.keyId(), c.name(), c.role().name().toLowerCase(java.util.Locale.ROOT),
                    new TreeSet<>(c.scope().sources()), new TreeSet<>(c.scope().plants()),
                    new TreeSet<>(c.scope().eventTypes()), c.ratePerSecond(), c.createdAt(), c.expiresAt(),
                    c.revokedAt(), c.revokedBy(), c.replacedBy(), c.status(now));
        }
    }

    private final Credentials credentials;
    private final CallerCache cache;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    KeyIssuer(Credentials credentials, CallerCache cache, AuditTrail audit, TransactionTemplate transactions,
              ObjectProvider<Clock> clock) {
        this.credentials = credentials;
        this.cache = cache;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    IssuedKey issue(KeyRequest request, Caller issuer) {
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiProblem.invalid("The key request has 1 error(s).",
                    List.of(FieldError.at("/expiresAt", "must be in the future")));
        }
        String key = ApiKeys.newKey();
        Credential credential = new Credential(ApiKeys.newKeyId(), ApiKeys.hash(key), request.name(), request.role(),
                request.scope(), request.ratePerSecond(), now, request.expiresAt());
        transactions.executeWithoutResult(status -> {
            credentials.add(credential);
            audit.record(issuer.actor(), "key.issued", subject(credential.keyId()), null, KeyView.of(credential, now));
        });
        log.info("Key {} ({}, role {}) issued by {}", credential.keyId(), request.name(), request.role(),
                issuer.keyId());
        return new IssuedKey(credential.keyId(), key);
    }

    public List<KeyView> list() {
        Instant now = clock.instant();
        return credentials.all().stream().map(c -> KeyView.of(c, now)).toList();
    }

    KeyView one(String keyId) {
        return KeyView.of(existing(keyId), clock.instant());
    }

    KeyView revoke(String keyId, Caller by) {
        Instant now = clock.instant();
        KeyView after = transactions.execute(status -> {
            Credential before = existing(keyId);
            if (!credentials.revoke(keyId, now, by.actor())) {
                throw ApiProblem.conflict("Key " + keyId + " is revoked already (by " + before.revokedBy() + ").",
                        java.util.Map.of("keyId", keyId));
            }
            KeyView revoked = KeyView.of(existing(keyId), now);
            audit.record(by.actor(), "key.revoked", subject(keyId), KeyView.of(before, now), revoked);
            return revoked;
        });
        cache.forget(existing(keyId).keyHash());
        log.info("Key {} revoked by {}", keyId, by.keyId());
        return after;
    }

    RotatedKey rotate(String keyId, Duration grace, Caller by) {
        Instant now = clock.instant();
        String key = ApiKeys.newKey();
        RotatedKey rotated = transactions.execute(status -> {
            Credential old = existing(keyId);
            if (!old.status(now).equals("ACTIVE")) {
                throw ApiProblem.conflict("Key " + keyId + " is " + old.status(now).toLowerCase(java.util.Locale.ROOT)
                        + "; only an active key can be rotated.", java.util.Map.of("keyId", keyId));
            }
            Credential next = new Credential(ApiKeys.newKeyId(), ApiKeys.hash(key), old.name(), old.role(),
                    old.scope(), old.ratePerSecond(), now, old.expiresAt());
            Instant oldEnds = now.plus(grace);
            if (old.expiresAt() != null && old.expiresAt().isBefore(oldEnds)) {
                oldEnds = old.expiresAt();
            }
            credentials.add(next);
            credentials.retire(keyId, oldEnds, next.keyId());
            audit.record(by.actor(), "key.issued", subject(next.keyId()), null, KeyView.of(next, now));
            audit.record(by.actor(), "key.rotated", subject(keyId), KeyView.of(old, now),
                    KeyView.of(existing(keyId), now));
            return new RotatedKey(next.keyId(), key, keyId, oldEnds);
        });
        cache.forget(existing(keyId).keyHash());
        log.info("Key {} rotated to {} by {}; the old key works until {}", keyId, rotated.keyId(), by.keyId(),
                rotated.replacedKeyExpiresAt());
        return rotated;
    }

    /** Creates an admin credential for {@code adminKey} unless one already exists; answers its key id. */
    public String keepAdminKey(String adminKey) {
        if (adminKey.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalArgumentException("--admin-key must be at least " + MIN_ADMIN_KEY_LENGTH
                    + " characters long, not " + adminKey.length());
        }
        String hash = ApiKeys.hash(adminKey);
        return credentials.findByKeyHash(hash).map(Credential::keyId).orElseGet(() -> {
            Instant now = clock.instant();
            Credential admin = new Credential(ApiKeys.newKeyId(), hash, "admin (--admin-key)", Role.ADMIN,
                    Scope.unrestricted(), null, now, null);
            Boolean added = transactions.execute(status -> {
                if (!credentials.add(admin)) {
                    return false;
                }
                audit.record("system:--admin-key", "key.issued", subject(admin.keyId()), null, KeyView.of(admin, now));
                return true;
            });
            if (!Boolean.TRUE.equals(added)) {
                return credentials.findByKeyHash(hash).orElseThrow().keyId();
            }
            log.info("Admin key {} created from --admin-key", admin.keyId());
            return admin.keyId();
        });
    }

    private Credential existing(String keyId) {
        return credentials.findById(keyId).orElseThrow(() -> ApiProblem.notFound("There is no key '" + keyId + "'."));
    }

    private static String subject(String keyId) {
        return "key:" + keyId;
    }
}
