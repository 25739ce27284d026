package io.millrace.access;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signs a person into the console with an API key, by the same rules as the API: the key must be
 * stored, neither revoked nor expired, and failed attempts from one address are throttled. A
 * signed-in session keeps only the key id; {@link #current} checks the key again on every request,
 * so revoking a key ends its console sessions at once.
 */
public final class KeySignIn {

    /** What a sign-in attempt came to. */
    public sealed interface Outcome {
        record SignedIn(Caller caller) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    private final Credentials credentials;
    private final AuthenticationFailures failures;
    private final Clock clock;

    KeySignIn(Credentials credentials, AuthenticationFailures failures, Clock clock) {
        this.credentials = credentials;
        this.failures = failures;
        this.clock = clock;
    }

    public Outcome signIn(String key, String address) {
        OptionalLong blocked = failures.blocked(address);
        if (blocked.isPresent()) {
            return new Outcome.Refused("Too many failed sign-ins from this address; try again in "
                    + blocked.getAsLong() + " s.");
        }
        if (key == null || key.isBlank()) {
            failures.failed(address);
            return new Outcome.Refused("Enter an API key.");
        }
        Optional<Credential> found = credentials.findByKeyHash(ApiKeys.hash(key.trim()));
        Optional<String> refusal = found.isEmpty() ? Optional.of("The API key is not valid.")
                : found.get().refusal(clock.instant());
        if (refusal.isPresent()) {
            failures.failed(address);
            return new Outcome.Refused(refusal.get());
        }
        Caller caller = found.get().caller();
        if (!caller.role().readsEverything()) {
            return new Outcome.Refused("The console is for auditor, operator and admin keys; a producer key "
                    + "publishes events only.");
        }
        return new Outcome.SignedIn(caller);
    }

    /** The caller of a signed-in session, while its key still works. */
    public Optional<Caller> current(String keyId) {
        return credentials.findById(keyId).filter(c -> c.refusal(clock.instant()).isEmpty()).map(Credential::caller);
    }
}
