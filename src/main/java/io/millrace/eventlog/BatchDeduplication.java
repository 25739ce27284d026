package io.millrace.eventlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency within one batch and against events already logged, shared by every adapter:
 * the adapter supplies what it stored under the batch's keys, this decides duplicate or conflict.
 */
public final class BatchDeduplication {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final List<NewEvent> batch;
    private final int[] firstIndex;
    private final List<Conflict> conflicts = new ArrayList<>();

    public BatchDeduplication(List<NewEvent> batch) {
        this.batch = batch;
        this.firstIndex = new int[batch.size()];
        Map<java.util.UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NewEvent event = batch.get(i);
            Integer earlier = seen.putIfAbsent(event.idempotencyKey(), i);
            firstIndex[i] = earlier == null ? i : earlier;
            if (earlier != null) {
                List<String> diff = differences(batch.get(earlier).contentHash(), batch.get(earlier).json(), event);
                if (!diff.isEmpty()) {
                    conflicts.add(new Conflict(i, event.source(), event.id(), null, earlier, diff));
                }
            }
        }
    }

    /** Indexes of the events that first use their {@code (source, id)} in this batch. */
    public List<Integer> firstOccurrences() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < firstIndex.length; i++) {
            if (firstIndex[i] == i) {
                out.add(i);
            }
        }
        return out;
    }

    /** Index of the event whose receipt this one shares ({@code i} itself for a first occurrence). */
    public int firstIndexOf(int i) {
        return firstIndex[i];
    }

    /** Records that event {@code i} (a first occurrence) is already stored; true when it is a duplicate. */
    public boolean checkAgainstStored(int i, java.util.UUID storedTrackingId, String storedHash, String storedJson) {
        NewEvent event = batch.get(i);
        List<String> diff = differences(storedHash, storedJson, event);
        if (diff.isEmpty()) {
            return true;
        }
        conflicts.add(new Conflict(i, event.source(), event.id(), storedTrackingId, null, diff));
        return false;
    }

    /** Whether content with this hash is certainly the same as the event's (no stored JSON needed). */
    public boolean sameHash(int i, String storedHash) {
        return batch.get(i).contentHash().equals(storedHash);
    }

    public List<Conflict> conflicts() {
        List<Conflict> sorted = new ArrayList<>(conflicts);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return sorted;
    }

    private static List<String> differences(String earlierHash, String earlierJson, NewEvent later) {
        if (earlierHash.equals(later.contentHash())) {
            return List.of();
        }
        JsonNode a = JSON.readTree(earlierJson);
        JsonNode b = JSON.readTree(later.json());
        return ContentComparison.differingFields(a, b);
    }
}
