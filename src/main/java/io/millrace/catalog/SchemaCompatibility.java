package io.millrace.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a new major version of an event type's data schema is a compatible evolution of
 * the one before it: every {@code data} valid under the older schema, once upcast (absent
 * properties filled with the newer schema's {@code default}s), must be valid under the newer one,
 * so that events of every version reach the posting rules in the newest shape. The check is
 * structural and conservative: a keyword it cannot prove wider counts as a break.
 */
final class SchemaCompatibility {

    /** Keywords that describe and never constrain. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title",
            "description", "default", "examples", "deprecated", "readOnly", "writeOnly");
    private static final Set<String> CHECKED = Set.of("$ref", "type", "enum", "const", "pattern", "properties",
            "required", "additionalProperties", "items", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum",
            "minLength", "maxLength", "minItems", "maxItems", "multipleOf");

    private final JsonNode olderRoot;
    private final JsonNode newerRoot;
    private final String older;
    private final String newer;
    private final List<String> breaks = new ArrayList<>();

    private SchemaCompatibility(int olderMajor, JsonNode olderRoot, int newerMajor, JsonNode newerRoot) {
        this.olderRoot = olderRoot;
        this.newerRoot = newerRoot;
        this.older = "v" + olderMajor;
        this.newer = "v" + newerMajor;
    }

    /**
     * Every way in which {@code newerSchema} breaks data valid under {@code olderSchema}, each naming
     * the pointer into the event ({@code /data/quantity}); empty when the newer is compatible.
     */
    static List<String> breaks(int olderMajor, JsonNode olderSchema, int newerMajor, JsonNode newerSchema) {
        SchemaCompatibility check = new SchemaCompatibility(olderMajor, olderSchema, newerMajor, newerSchema);
        check.compare("/data", olderSchema, newerSchema);
        return List.copyOf(check.breaks);
    }

    private void compare(String at, JsonNode olderNode, JsonNode newerNode) {
        JsonNode o = resolve(olderRoot, olderNode, at);
        JsonNode n = resolve(newerRoot, newerNode, at);
        if (o == null || n == null) {
            return;
        }
        compareTypes(at, o, n);
        compareValues(at, o, n);
        compareBounds(at, o, n);
        compareObjects(at, o, n);
        if (o.has("items") || n.has("items")) {
            if (!n.has("items")) {
                return;
            }
            if (!o.has("items")) {
                breaks.add(at + "/*: " + newer + " constrains the items of an array that " + older + " left free");
            } else {
                compare(at + "/*", o.get("items"), n.get("items"));
            }
        }
        for (Map.Entry<String, JsonNode> keyword : n.properties()) {
            String name = keyword.getKey();
            if (!ANNOTATIONS.contains(name) && !CHECKED.contains(name) && !keyword.getValue().equals(o.get(name))) {
                breaks.add(at + ": " + newer + " changes keyword '" + name + "', which cannot be proven compatible");
            }
        }
    }

    private JsonNode resolve(JsonNode root, JsonNode node, String at) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#") || hops > 16) {
                breaks.add(at + ": the reference '" + ref + "' is not local to the schema and cannot be checked");
                return null;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                breaks.add(at + ": the reference '" + ref + "' points nowhere");
                return null;
            }
            current = target;
        }
        return current;
    }

    private void compareTypes(String at, JsonNode o, JsonNode n) {
        if (!n.has("type")) {
            return;
        }
        Set<String> newerTypes = names(n.get("type"));
        Set<String> olderTypes = o.has("type") ? names(o.get("type"))
                : Set.of("object", "array", "string", "number", "integer", "boolean", "null");
        for (String type : olderTypes) {
            boolean covered = newerTypes.contains(type) || ("integer".equals(type) && newerTypes.contains("number"));
            if (!covered) {
                breaks.add(at + ": " + older + " allows type " + type + ", " + newer + " only " + newerTypes);
            }
        }
    }

    private static Set<String> names(JsonNode type) {
        Set<String> names = new HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(t.asString()));
        } else {
            names.add(type.asString());
        }
        return names;
    }

    private void compareValues(String at, JsonNode o, JsonNode n) {
        Set<JsonNode> allowed = n.has("enum") ? toSet(n.get("enum")) : null;
        if (n.has("const")) {
            allowed = allowed == null ? Set.of(n.get("const")) : allowed;
        }
        if (allowed != null) {
            Set<JsonNode> olderValues = o.has("enum") ? toSet(o.get("enum")) : o.has("const") ? Set.of(o.get("const")) : null;
            if (olderValues == null || !allowed.containsAll(olderValues)) {
                breaks.add(at + ": " + newer + " allows only " + allowed + ", fewer values than " + older);
            }
        }
        if (n.has("pattern") && !n.get("pattern").equals(o.get("pattern"))) {
            breaks.add(at + ": " + newer + " changes the pattern to '" + n.get("pattern").asString() + "'"
                    + (o.has("pattern") ? " from '" + o.get("pattern").asString() + "'" : "")
                    + "; only an unchanged pattern is provably compatible");
        }
    }

    private static Set<JsonNode> toSet(JsonNode array) {
        Set<JsonNode> set = new HashSet<>();
        array.forEach(set::add);
        return set;
    }

    private void compareBounds(String at, JsonNode o, JsonNode n) {
        bound(at, o, n, "minimum", "exclusiveMinimum", true);
        bound(at, o, n, "maximum", "exclusiveMaximum", false);
        atMost(at, o, n, "minLength");
        atMost(at, o, n, "minItems");
        atLeast(at, o, n, "maxLength");
        atLeast(at, o, n, "maxItems");
        if (n.has("multipleOf")) {
            BigDecimal newerStep = n.get("multipleOf").decimalValue();
            boolean divides = o.has("multipleOf")
                    && o.get("multipleOf").decimalValue().remainder(newerStep).signum() == 0;
            if (!divides) {
                breaks.add(at + ": " + newer + " requires a multiple of " + newerStep.toPlainString()
                        + ", which " + older + " values need not be");
            }
        }
    }

    /** A lower ({@code lower}) or upper bound of the newer version must not be tighter than the older one's. */
    private void bound(String at, JsonNode o, JsonNode n, String inclusiveName, String exclusiveName, boolean lower) {
        Bound newerBound = Bound.of(n, inclusiveName, exclusiveName, lower);
        if (newerBound == null) {
            return;
        }
        Bound olderBound = Bound.of(o, inclusiveName, exclusiveName, lower);
        int sign = lower ? 1 : -1;
        boolean looser = olderBound != null
                && (sign * newerBound.value().compareTo(olderBound.value()) < 0
                || (newerBound.value().compareTo(olderBound.value()) == 0 && (!newerBound.exclusive() || olderBound.exclusive())));
        if (!looser) {
            breaks.add(at + ": " + newer + " narrows the " + (lower ? "lower" : "upper") + " bound to "
                    + (newerBound.exclusive() ? exclusiveName : inclusiveName) + " " + newerBound.value().toPlainString()
                    + (olderBound == null ? " where " + older + " had none"
                    : " from " + (olderBound.exclusive() ? exclusiveName : inclusiveName) + " "
                    + olderBound.value().toPlainString()));
        }
    }

    /** The tighter of an inclusive and an exclusive bound of one node. */
    private record Bound(BigDecimal value, boolean exclusive) {
        static Bound of(JsonNode node, String inclusiveName, String exclusiveName, boolean lower) {
            Bound inclusive = node.has(inclusiveName) ? new Bound(node.get(inclusiveName).decimalValue(), false) : null;
            Bound exclusive = node.has(exclusiveName) ? new Bound(node.get(exclusiveName).decimalValue(), true) : null;
            if (inclusive == null || exclusive == null) {
                return inclusive == null ? exclusive : inclusive;
            }
            int order = exclusive.value().compareTo(inclusive.value());
            boolean exclusiveTighter = lower ? order >= 0 : order <= 0;
            return exclusiveTighter ? exclusive : inclusive;
        }
    }

    private void atMost(String at, JsonNode o, JsonNode n, String keyword) {
        if (n.has(keyword) && n.get(keyword).asLong() > (o.has(keyword) ? o.get(keyword).asLong() : 0)) {
            breaks.add(at + ": " + newer + " raises " + keyword + " to " + n.get(keyword).asLong()
                    + (o.has(keyword) ? " from " + o.get(keyword).asLong() : ""));
        }
    }

    private void atLeast(String at, JsonNode o, JsonNode n, String keyword) {
        if (n.has(keyword) && (!o.has(keyword) || n.get(keyword).asLong() < o.get(keyword).asLong())) {
            breaks.add(at + ": " + newer + " lowers " + keyword + " to " + n.get(keyword).asLong()
                    + (o.has(keyword) ? " from " + o.get(keyword).asLong() : " where " + older + " had no limit"));
        }
    }

    private void compareObjects(String at, JsonNode o, JsonNode n) {
        JsonNode olderProperties = o.path("properties");
        JsonNode newerProperties = n.path("properties");
        boolean newerClosed = n.has("additionalProperties") && n.get("additionalProperties").isBoolean()
                && !n.get("additionalProperties").asBoolean();
        boolean olderClosed = o.has("additionalProperties") && o.get("additionalProperties").isBoolean()
                && !o.get("additionalProperties").asBoolean();
        for (Map.Entry<String, JsonNode> property : olderProperties.properties()) {
            String pointer = at + "/" + SchemaViolations.Pointers.escape(property.getKey());
            if (newerProperties.has(property.getKey())) {
                compare(pointer, property.getValue(), newerProperties.get(property.getKey()));
            } else if (newerClosed) {
                breaks.add(pointer + ": " + newer + " removes this property, which " + older + " events carry");
            }
        }
        for (Map.Entry<String, JsonNode> property : newerProperties.properties()) {
            if (!olderProperties.has(property.getKey()) && !olderClosed) {
                breaks.add(at + "/" + SchemaViolations.Pointers.escape(property.getKey()) + ": " + newer
                        + " constrains a property that " + older + " accepted with any value");
            }
        }
        if (newerClosed && !olderClosed && (o.has("properties") || o.path("type").asString("").equals("object"))) {
            breaks.add(at + ": " + newer + " refuses properties that " + older + " allowed (additionalProperties false)");
        }
        Set<String> olderRequired = toStrings(o.path("required"));
        for (String name : toStrings(n.path("required"))) {
            JsonNode property = resolve(newerRoot, newerProperties.path(name), at);
            if (!olderRequired.contains(name) && (property == null || !hasDefault(newerProperties.path(name), property))) {
                breaks.add(at + "/" + SchemaViolations.Pointers.escape(name) + ": " + newer + " requires this property, which "
                        + older + " events may lack, and gives no default to upcast them with");
            }
        }
    }

    private static boolean hasDefault(JsonNode declared, JsonNode resolved) {
        return declared.has("default") || resolved.has("default");
    }

    private static Set<String> toStrings(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }
}
