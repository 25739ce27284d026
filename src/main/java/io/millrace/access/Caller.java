package io.millrace.access;

import io.millrace.web.ApiProblem;

/**
 * The authenticated caller of one request. {@code keyId} is safe to log and to record as the
 * actor of what the request changed; the key itself never leaves the access module.
 */
public record Caller(String keyId, String name, Role role, Scope scope, Integer ratePerSecond) {

    /** Request attribute under which the authentication filter stores the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /** The actor recorded on journal entries and operator decisions. */
    public String actor() {
        return "key:" + keyId;
    }

    public void requireReadAll() {
        if (!role.readsEverything()) {
            throw denied("read this resource");
        }
    }

    public void requireOperator() {
        if (!role.actsOnExceptions()) {
            throw denied("act on exceptions");
        }
    }

    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw denied("do this");
        }
    }

    private ApiProblem denied(String what) {
        return ApiProblem.forbidden("A key with role " + role.name().toLowerCase() + " may not " + what + ".");
    }
}
