package io.millrace.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log in memory, for tests that run the modules without a database. */
public class InMemoryAuditRecords implements AuditRecords {

    private final List<AuditRecord> records = new ArrayList<>();
    private Head head = new Head(0, AuditChain.GENESIS);

    @Override
    public synchronized AuditRecord append(Instant recordedAt, String actor, String action, String subject,
                                           String before, String after) {
        Head last = head;
        long position = last.position() + 1;
        Instant at = AuditChain.storedTime(recordedAt);
        AuditRecord record = new AuditRecord(position, at, actor, action, subject, before, after, last.hash(),
                AuditChain.hash(position, at, actor, action, subject, before, after, last.hash()));
        records.add(record);
        head = new Head(position, record.hash());
        return record;
    }

    @Override
    public synchronized List<AuditRecord> find(AuditQuery q) {
        return records.stream()
                .filter(r -> r.position() > q.after())
                .filter(r -> q.actor() == null || q.actor().equals(r.actor()))
                .filter(r -> q.action() == null || q.action().equals(r.action()))
                .filter(r -> q.subject() == null || q.subject().equals(r.subject()))
                .filter(r -> q.from() == null || !r.recordedAt().isBefore(q.from()))
                .filter(r -> q.to() == null || r.recordedAt().isBefore(q.to()))
                .limit(q.limit())
                .toList();
    }

    @Override
    public synchronized List<AuditRecord> after(long position, int limit) {
        return records.stream().filter(r -> r.position() > position).limit(limit).toList();
    }

    @Override
    public synchronized Head head() {
        return head;
    }

    /** Replaces the record at {@code position} as it is; lets tests tamper with the log. */
    synchronized void overwrite(AuditRecord record) {
        records.replaceAll(r -> r.position() == record.position() ? record : r);
    }

    /** Removes the record at {@code position}; lets tests tamper with the log. */
    synchronized void remove(long position) {
        records.removeIf(r -> r.position() == position);
    }
}
