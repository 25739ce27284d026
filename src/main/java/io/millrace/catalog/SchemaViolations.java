package io.millrace.catalog;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.millrace.web.FieldError;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Turns the schema library's errors into the hub's field errors: a JSON pointer into the event
 * (prefixed with {@code /data}) and a short message a producer's developer can act on.
 */
final class SchemaViolations {

    static final String CODE_PATTERN = "^[A-Za-z0-9._/-]{1,64}$";
    static final String CURRENCY_PATTERN = "^[A-Z]{3}$";

    private static final Map<String, String> PATTERN_MESSAGES = Map.of(
            CODE_PATTERN, "must be a code of 1 to 64 characters: ASCII letters, digits and - _ . /",
            CURRENCY_PATTERN, "must be an ISO 4217 currency code of 3 uppercase letters, e.g. EUR");

    private SchemaViolations() {
    }

    static FieldError toFieldError(String prefix, Error error) {
        String pointer = prefix + Pointers.of(error.getInstanceLocation());
        JsonNode keywordValue = error.getSchemaNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> FieldError.at(Pointers.child(pointer, error.getProperty()), "is required");
            case "additionalProperties" -> FieldError.at(Pointers.child(pointer, error.getProperty()),
                    "unknown field '" + error.getProperty() + "'");
            default -> FieldError.at(pointer, message(keyword, keywordValue, error));
        };
    }

    private static String message(String keyword, JsonNode value, Error error) {
        return switch (keyword) {
            case "type" -> typeMessage(value.asString());
            case "exclusiveMinimum" -> "must be greater than " + plain(value);
            case "minimum" -> value.decimalValue().signum() == 0 ? "must not be negative" : "must be at least " + plain(value);
            case "exclusiveMaximum" -> "must be less than " + plain(value);
            case "maximum" -> "must be at most " + plain(value);
            case "multipleOf" -> "must have at most " + MaxDecimalsKeyword.decimalsOf(value) + " decimals";
            case "minLength" -> value.asInt() == 1 ? "must not be empty" : "must be at least " + value.asInt() + " characters";
            case "maxLength" -> "must be at most " + value.asInt() + " characters";
            case "minItems" -> value.asInt() == 1 ? "must not be empty" : "must have at least " + value.asInt() + " items";
            case "maxItems" -> "must have at most " + value.asInt() + " items";
            case "pattern" -> PATTERN_MESSAGES.getOrDefault(value.asString(), "must match " + value.asString());
            case "enum" -> "must be one of " + StreamSupport.stream(value.spliterator(), false)
                    .map(JsonNode::asString).collect(Collectors.joining(", "));
            default -> libraryMessage(error);
        };
    }

    static String typeMessage(String type) {
        return switch (type) {
            case "object" -> "must be a JSON object";
            case "array" -> "must be an array";
            case "integer" -> "must be an integer";
            case "boolean" -> "must be true or false";
            default -> "must be a " + type;
        };
    }

    private static String plain(JsonNode number) {
        return number.decimalValue().toPlainString();
    }

    /** The library prefixes its messages with the instance path; the pointer already says where. */
    private static String libraryMessage(Error error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }

    /** JSON pointers (RFC 6901) built from node paths and member names. */
    static final class Pointers {

        private Pointers() {
        }

        static String of(NodePath path) {
            StringBuilder pointer = new StringBuilder();
            for (int i = 0; i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                pointer.append('/').append(element instanceof Integer index ? index.toString() : escape(element.toString()));
            }
            return pointer.toString();
        }

        static String child(String pointer, String name) {
            return pointer + "/" + escape(name);
        }

        static String escape(String name) {
            if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
                return name;
            }
            return name.replace("~", "~0").replace("/", "~1");
        }
    }

    static List<FieldError> all(String prefix, List<Error> errors) {
        return errors.stream().map(e -> toFieldError(prefix, e)).toList();
    }
}
