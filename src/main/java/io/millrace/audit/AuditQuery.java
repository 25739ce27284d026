package io.millrace.audit;

import java.time.Instant;

/** A filtered page of the audit log: every filter is optional; records after position {@code after}. */
public record AuditQuery(String actor, String action, String subject, Instant from, Instant to, long after,
                         int limit) {
}
