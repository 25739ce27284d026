package io.millrace.connectivity;

import io.millrace.intake.EventOrigin;
import io.millrace.web.FieldError;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a binding made of one message: the canonical events, each with its origin and the row of
 * the message it came from (null outside CSV), and every error found on the way (reading, mapping,
 * scope, units), each with the index of its event and a message naming the row.
 */
public record MappedMessage(List<JsonNode> events, List<EventOrigin> origins, List<Integer> rows,
                            List<FieldError> errors) {

    public MappedMessage {
        events = List.copyOf(events);
        origins = List.copyOf(origins);
        rows = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rows));
        errors = List.copyOf(errors);
    }

    public boolean clean() {
        return errors.isEmpty();
    }

    /** The row of the event at {@code index}, or null. */
    public Integer rowOf(Integer index) {
        return index == null || index < 0 || index >= rows.size() ? null : rows.get(index);
    }
}
