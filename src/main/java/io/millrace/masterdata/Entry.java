package io.millrace.masterdata;

import java.util.List;

/**
 * One parsed record of a submission with where it came from; {@code parts} are the places of its
 * lines (orders) or components (BOMs), in the order of the record's list.
 */
record Entry<T>(T value, Where where, List<Where> parts) {

    Entry {
        parts = List.copyOf(parts);
    }

    static <T> Entry<T> of(T value, Where where) {
        return new Entry<>(value, where, List.of());
    }
}
