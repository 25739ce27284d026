package io.millrace.audit;

/**
 * The port through which a module records an admin or operator action. Called inside the
 * transaction of the change where there is one, so the change and its record commit together.
 * {@code before} and {@code after} are any JSON-serialisable values (records, lists), or null for
 * "did not exist" / "no longer exists".
 */
public interface AuditTrail {

    /**
     * @param actor   who acted, e.g. {@code key:k-0123...}
     * @param action  what was done, dotted lower case, e.g. {@code key.revoked}
     * @param subject what it was done to, {@code kind:id}, e.g. {@code item:RM-STEEL}
     */
    void record(String actor, String action, String subject, Object before, Object after);
}
