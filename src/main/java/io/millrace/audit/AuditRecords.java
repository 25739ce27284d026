package io.millrace.audit;

import java.time.Instant;
import java.util.List;

/**
 * The stored audit log (storage port). {@link #append} seals a record onto the end of the chain;
 * appends of all hub instances are serialised on the chain's head, so positions have no gaps.
 */
public interface AuditRecords {

    /** The head of the chain: the last position and its hash (0 and {@link AuditChain#GENESIS} when empty). */
    record Head(long position, String hash) {
    }

    AuditRecord append(Instant recordedAt, String actor, String action, String subject, String before, String after);

    List<AuditRecord> find(AuditQuery query);

    /** Up to {@code limit} records after {@code position}, in position order, unfiltered. */
    List<AuditRecord> after(long position, int limit);

    Head head();
}
