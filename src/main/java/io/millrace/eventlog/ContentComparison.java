package io.millrace.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Compares two versions of an event by meaning: member order and number notation
 * ({@code 5} vs {@code 5.0}) do not count as differences. Answers the JSON pointers that differ.
 */
public final class ContentComparison {

    private ContentComparison() {
    }

    public static List<String> differingFields(JsonNode earlier, JsonNode later) {
        List<String> out = new ArrayList<>();
        compare("", earlier, later, out);
        return out;
    }

    private static void compare(String pointer, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
            if (!(isAbsent(a) && isAbsent(b))) {
                out.add(pointer);
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>(a.propertyNames());
            names.addAll(b.propertyNames());
            for (String name : names) {
                compare(pointer + "/" + escape(name), a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(pointer + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (a.isNumber() && b.isNumber()) {
            if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
                out.add(pointer);
            }
        } else if (!a.equals(b)) {
            out.add(pointer);
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
