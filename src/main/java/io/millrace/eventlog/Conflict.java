package io.millrace.eventlog;

import java.util.List;
import java.util.UUID;

/**
 * An event of an append whose {@code (source, id)} is already taken by different content:
 * either an event in the log ({@code existingTrackingId}) or an earlier event of the same batch
 * ({@code earlierIndex}). {@code differingFields} are JSON pointers such as {@code /data/quantity}.
 */
public record Conflict(int index, String source, String id, UUID existingTrackingId, Integer earlierIndex,
                       List<String> differingFields) {

    public Conflict {
        differingFields = List.copyOf(differingFields);
    }
}
