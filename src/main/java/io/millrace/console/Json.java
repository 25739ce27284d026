package io.millrace.console;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/** Indents JSON for reading on a page; text that is not JSON is shown as it is. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(json));
        } catch (JacksonException ex) {
            return json;
        }
    }

    static String pretty(Object value) {
        return value == null ? null : MAPPER.writeValueAsString(value);
    }
}
