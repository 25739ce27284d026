package io.millrace.masterdata;

import io.millrace.web.FieldError;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one record object, checking each against the rules of events.md and
 * api.md and recording every violation with its pointer. A getter answers null when the field is
 * missing or wrong, so that one pass lists every error. CSV rows arrive as objects of strings:
 * there {@code fromCsv} lets numbers be written as text and an empty cell means missing.
 */
final class FieldReader {

    /** Far beyond every column's digits, yet small enough that writing the number out is cheap. */
    private static final int MAX_SCALE = 100;
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    static final int TEXT_MAX = 256;
    static final int UOM_MAX = 16;

    private final JsonNode node;
    private final Where where;
    private final List<FieldError> errors;
    private final boolean fromCsv;
    private final int errorsBefore;

    FieldReader(JsonNode node, Where where, List<FieldError> errors, boolean fromCsv) {
        this.node = node;
        this.where = where;
        this.errors = errors;
        this.fromCsv = fromCsv;
        this.errorsBefore = errors.size();
    }

    /** True while this record has recorded no error. */
    boolean clean() {
        return errors.size() == errorsBefore;
    }

    /** Rejects members the shape does not have; typos must surface at once. */
    void rejectUnknown(Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                errors.add(where.child(name).error(null, "unknown field '" + name + "'; allowed are "
                        + allowed.stream().sorted().collect(Collectors.joining(", "))));
            }
        }
    }

    String code(String field) {
        String text = string(field, true);
        if (text != null && !CODE.matcher(text).matches()) {
            return fail(field, "must be 1-64 characters of ASCII letters, digits and -_./, not '"
                    + abbreviate(text) + "'");
        }
        return text;
    }

    String optionalText(String field) {
        String text = string(field, false);
        if (text != null && text.length() > TEXT_MAX) {
            return fail(field, "must be at most " + TEXT_MAX + " characters");
        }
        return text;
    }

    String uom(String field) {
        String text = string(field, true);
        if (text != null && (text.isBlank() || text.length() > UOM_MAX)) {
            return fail(field, "must be a non-blank unit of measure of at most " + UOM_MAX + " characters");
        }
        return text;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String text = string(field, true);
        if (text == null) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return fail(field, "must be one of " + Arrays.stream(constants).map(Enum::name)
                .collect(Collectors.joining(", ")) + ", not '" + abbreviate(text) + "'");
    }

    /** A non-negative decimal with at most {@code scale} decimals; strictly positive if asked. */
    BigDecimal decimal(String field, int scale, boolean positive) {
        BigDecimal value = number(field);
        if (value == null) {
            return null;
        }
        if (positive && value.signum() <= 0) {
            return fail(field, "must be greater than 0");
        }
        if (value.signum() < 0) {
            return fail(field, "must not be negative");
        }
        if (Decimals.decimals(value) > scale) {
            return fail(field, "must have at most " + scale + " decimals, not " + value.toPlainString());
        }
        if (Decimals.integerDigits(value) > Decimals.INTEGER_DIGITS) {
            return fail(field, "must have at most " + Decimals.INTEGER_DIGITS + " digits before the decimal point");
        }
        return scale == Decimals.QUANTITY_SCALE ? Decimals.quantity(value) : Decimals.price(value);
    }

    /** A PO or SO line number: a positive integer. */
    Integer lineNumber(String field) {
        BigDecimal value = number(field);
        if (value == null) {
            return null;
        }
        if (value.signum() <= 0 || Decimals.decimals(value) > 0
                || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return fail(field, "must be a positive integer of at most " + Integer.MAX_VALUE
                    + ", not " + value.toPlainString());
        }
        return value.intValueExact();
    }

    /** A non-empty array of objects, or null after recording why not. */
    JsonNode objects(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return fail(field, "is required");
        }
        if (!value.isArray() || value.isEmpty()) {
            return fail(field, "must be a non-empty array");
        }
        return value;
    }

    private BigDecimal number(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return fail(field, "is required");
        }
        if (value.isNumber()) {
            return inRange(field, value.decimalValue());
        }
        if (fromCsv && value.isString()) {
            try {
                return inRange(field, new BigDecimal(value.stringValue().trim()));
            } catch (NumberFormatException ex) {
                return fail(field, "must be a number, not '" + abbreviate(value.stringValue()) + "'");
            }
        }
        return fail(field, "must be a number");
    }

    /**
     * Refuses a number whose exponent puts it far outside what any column holds before anything
     * expands it: {@code 1e-1000000000} written out is a billion digits.
     */
    private BigDecimal inRange(String field, BigDecimal value) {
        if (Math.abs((long) value.scale()) > MAX_SCALE || value.precision() > MAX_SCALE) {
            return fail(field, "must have at most " + Decimals.INTEGER_DIGITS + " digits before and "
                    + Decimals.QUANTITY_SCALE + " after the decimal point");
        }
        return value;
    }

    private String string(String field, boolean required) {
        JsonNode value = present(field);
        if (value == null) {
            return required ? fail(field, "is required") : null;
        }
        if (!value.isString()) {
            return fail(field, "must be a string");
        }
        return value.stringValue();
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (fromCsv && value.isString() && value.stringValue().isEmpty())) {
            return null;
        }
        return value;
    }

    private <T> T fail(String field, String message) {
        errors.add(where.error(field, message));
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 67) + "...";
    }
}
