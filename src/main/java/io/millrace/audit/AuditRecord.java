package io.millrace.audit;

import java.time.Instant;

/**
 * One sealed record of the audit log. {@code before} and {@code after} are canonical JSON text
 * (or null); {@code hash} seals every other field together with {@code previousHash}.
 */
public record AuditRecord(long position, Instant recordedAt, String actor, String action, String subject,
                          String before, String after, String previousHash, String hash) {

    /** True when {@code hash} is the hash of the record's own fields. */
    boolean sealedCorrectly() {
        return hash.equals(AuditChain.hash(position, recordedAt, actor, action, subject, before, after, previousHash));
    }
}
