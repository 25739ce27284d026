package io.millrace.audit;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records actions into the {@link AuditRecords} with the time of the injected clock and the
 * before and after states in canonical JSON (members sorted, no insignificant whitespace), and
 * verifies the chain.
 */
public class AuditLog implements AuditTrail {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VERIFY_BATCH = 1000;

    private final AuditRecords records;
    private final Clock clock;

    public AuditLog(AuditRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void record(String actor, String action, String subject, Object before, Object after) {
        records.append(clock.instant(), actor, action, subject, canonical(before), canonical(after));
    }

    public List<AuditRecord> find(AuditQuery query) {
        return records.find(query);
    }

    /**
     * Walks the whole chain: every record must be at the next position, name the hash of the one
     * before and hash to its own seal, and the last must be the head. Answers the first position
     * where that fails.
     */
    public Verification verify() {
        long expected = 1;
        String previous = AuditChain.GENESIS;
        List<AuditRecord> batch;
        do {
            batch = records.after(expected - 1, VERIFY_BATCH);
            for (AuditRecord r : batch) {
                if (r.position() != expected) {
                    return Verification.broken(expected - 1, expected, "record " + expected + " is missing");
                }
                if (!r.previousHash().equals(previous)) {
                    return Verification.broken(expected - 1, expected, "record " + expected
                            + " does not name the hash of the record before it");
                }
                if (!r.sealedCorrectly()) {
                    return Verification.broken(expected - 1, expected, "record " + expected
                            + " was changed after it was recorded");
                }
                previous = r.hash();
                expected++;
            }
        } while (batch.size() == VERIFY_BATCH);
        long checked = expected - 1;
        AuditRecords.Head head = records.head();
        if (head.position() > checked) {
            return Verification.broken(checked, checked + 1, "records " + (checked + 1) + " to " + head.position()
                    + " are missing from the end of the log");
        }
        if (head.position() < checked || !head.hash().equals(previous)) {
            return Verification.broken(checked, head.position(), "the head of the log does not match record "
                    + head.position());
        }
        return Verification.intact(checked);
    }

    /** Members sorted at every depth, so equal states always give equal text and equal hashes. */
    static String canonical(Object state) {
        return state == null ? null : JSON.writeValueAsString(sorted(JSON.valueToTree(state)));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            new TreeSet<>(node.propertyNames()).forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }

    /** The outcome of {@link #verify()}: {@code firstBrokenPosition} is null when the chain is intact. */
    public record Verification(boolean intact, long verifiedRecords, Long firstBrokenPosition, String problem) {

        static Verification intact(long records) {
            return new Verification(true, records, null, null);
        }

        static Verification broken(long verified, long position, String problem) {
            return new Verification(false, verified, position, problem);
        }
    }
}
