package io.millrace.access;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The role rules of the API, applied to every request before any controller runs: a producer
 * publishes events and reads the catalog, its own events and its own scope; an auditor reads; an
 * operator reads and acts on exceptions (but sees neither the audit log nor the keys); an admin does
 * everything. Answers why a call is refused, if it is.
 */
final class AccessPolicy {

    private static final Pattern PRODUCER_READS = Pattern.compile("/api/v1/(catalog(/.*)?|events/[^/]+|sources/me)");
    private static final Pattern AUDIT_OR_KEYS = Pattern.compile("/api/v1/(audit|sources)(/.*)?");
    private static final Pattern OPERATOR_ACTS = Pattern.compile("/api/v1/(exceptions/[^/]+/(retry|approve|discard)"
            + "|events/[^/]+/reversal|ledger/periods/[^/]+/close|replays|bindings/[^/]+/test"
            + "|erp/deliveries/[^/]+/retry)");
    private static final Pattern PRODUCER_PUBLISHES = Pattern.compile("/api/v1/events|/api/v1/ingest/[^/]+");

    private AccessPolicy() {
    }

    static Optional<String> refusal(Role role, String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        boolean allowed = switch (role) {
            case ADMIN -> true;
            case OPERATOR -> (read && (path.equals("/api/v1/sources/me") || !AUDIT_OR_KEYS.matcher(path).matches())) || (method.equals("POST") && OPERATOR_ACTS.matcher(path).matches());
            case AUDITOR -> read;
            case PRODUCER -> (method.equals("POST") && PRODUCER_PUBLISHES.matcher(path).matches())
                    || (read && PRODUCER_READS.matcher(path).matches());
        };
        if (allowed) {
            return Optional.empty();
        }
        return Optional.of("A key with role " + role.name().toLowerCase(Locale.ROOT) + " may not " + method + " "
                + path + ".");
    }
}
