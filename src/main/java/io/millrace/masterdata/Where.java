package io.millrace.masterdata;

import io.millrace.web.FieldError;
import java.util.Map;

/**
 * Where a record of a submission came from: the JSON pointer of its object and, for CSV imports,
 * the CSV line, which every message names. {@code renames} maps a field of the domain record to
 * the name it has at this place (a BOM component's {@code item} is the CSV column {@code component}).
 */
record Where(String base, Integer csvLine, Map<String, String> renames) {

    static Where json(String base) {
        return new Where(base, null, Map.of());
    }

    static Where csv(String base, int csvLine) {
        return new Where(base, csvLine, Map.of());
    }

    Where child(String segment) {
        return new Where(base + "/" + segment, csvLine, renames);
    }

    Where renaming(Map<String, String> fieldNames) {
        return new Where(base, csvLine, fieldNames);
    }

    String pointer(String field) {
        return field == null ? base : base + "/" + renames.getOrDefault(field, field);
    }

    FieldError error(String field, String message) {
        return FieldError.at(pointer(field), csvLine == null ? message : message + " (CSV line " + csvLine + ")");
    }
}
