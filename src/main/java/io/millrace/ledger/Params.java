package io.millrace.ledger;

import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of the ledger APIs' query and path parameters: every bad value is a precise 400. */
final class Params {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    private static final Pattern TRACKING_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Params() {
    }

    /** A period {@code YYYY-MM}, or null when absent. */
    static YearMonth period(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!PERIOD.matcher(value).matches()) {
            throw invalid(name, "must be a calendar month written YYYY-MM, e.g. 2026-11; got '" + shorten(value)
                    + "'");
        }
        return YearMonth.parse(value);
    }

    /** A master-data or document code (1-64 of letters, digits and -_./), or null when absent. */
    static String code(String name, String value) {
        if (value != null && !CODE.matcher(value).matches()) {
            throw invalid(name, "must be 1-64 characters of ASCII letters, digits and -_./; got '" + shorten(value)
                    + "'");
        }
        return value;
    }

    static String trackingId(String name, String value) {
        if (value != null && !TRACKING_ID.matcher(value).matches()) {
            throw invalid(name, "must be 1-128 printable ASCII characters without spaces; got '" + shorten(value)
                    + "'");
        }
        return value;
    }

    static int limit(String name, String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!NUMBER.matcher(value).matches() || Long.parseLong(value) < 1 || Long.parseLong(value) > MAX_LIMIT) {
            throw invalid(name, "must be a whole number from 1 to " + MAX_LIMIT + "; got '" + shorten(value) + "'");
        }
        return Integer.parseInt(value);
    }

    /** The opaque journal cursor: the position of the last entry of the previous page. */
    static long cursor(String name, String value) {
        if (value == null) {
            return 0;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw invalid(name, "must be the nextCursor of a previous page; got '" + shorten(value) + "'");
        }
        return Long.parseLong(value);
    }

    private static ApiProblem invalid(String name, String message) {
        return ApiProblem.invalid("Parameter " + name + " " + message + ".",
                List.of(FieldError.at(name, name + " " + message)));
    }

    private static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
