package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaCompatibilityTest {

    private static final String V1 = """
            {"type": "object", "additionalProperties": false, "required": ["orderId", "quantity", "kind"],
             "properties": {
               "orderId": {"$ref": "#/$defs/code"},
               "quantity": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000, "multipleOf": 0.001},
               "kind": {"enum": ["A", "B"]},
               "note": {"type": "string", "maxLength": 100},
               "lines": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}}
             },
             "$defs": {"code": {"type": "string", "pattern": "^[A-Z0-9-]{1,64}$"}}}""";

    private static ObjectNode v1() {
        return (ObjectNode) EventJson.mapper().readTree(V1);
    }

    private static List<String> breaksOf(JsonNode newer) {
        return SchemaCompatibility.breaks(1, v1(), 2, newer);
    }

    @Test
    void anUnchangedSchemaIsCompatible() {
        assertThat(breaksOf(v1())).isEmpty();
    }

    @Test
    void addingAnOptionalPropertyAndWideningLimitsIsCompatible() {
        ObjectNode v2 = v1();
        v2.withObject("/properties").putObject("operation").put("type", "string");
        v2.withObject("/properties/note").put("maxLength", 256);
        v2.withObject("/properties/quantity").put("maximum", 5000).put("multipleOf", 0.0001);
        v2.withObject("/properties/kind").putArray("enum").add("A").add("B").add("C");
        v2.withObject("/properties/lines/items/properties/n").put("type", "number");

        assertThat(breaksOf(v2)).isEmpty();
    }

    @Test
    void aNewRequiredPropertyIsCompatibleOnlyWithADefaultToUpcastWith() {
        ObjectNode v2 = v1();
        v2.withObject("/properties").putObject("shift").put("type", "string");
        v2.withArray("/required").add("shift");

        assertThat(breaksOf(v2)).containsExactly("/data/shift: v2 requires this property, which v1 events may lack, "
                + "and gives no default to upcast them with");

        v2.withObject("/properties/shift").put("default", "1");
        assertThat(breaksOf(v2)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            removes a property      | /properties/note                                  | /data/note: v2 removes this property, which v1 events carry
            tightens a bound        | /properties/quantity/maximum=10                   | /data/quantity: v2 narrows the upper bound to maximum 10 from maximum 1000
            changes a pattern       | /$defs/code/pattern=^[A-Z]{1,8}$                  | /data/orderId: v2 changes the pattern to '^[A-Z]{1,8}$' from '^[A-Z0-9-]{1,64}$'; only an unchanged pattern is provably compatible
            drops an enum value     | /properties/kind/enum=A                           | /data/kind: v2 allows only ["A"], fewer values than v1
            narrows a type          | /properties/lines/items/properties/n/type=boolean | /data/lines/*/n: v1 allows type integer, v2 only [boolean]
            shortens a text         | /properties/note/maxLength=10                     | /data/note: v2 lowers maxLength to 10 from 100
            coarsens decimals       | /properties/quantity/multipleOf=0.01              | /data/quantity: v2 requires a multiple of 0.01, which v1 values need not be
            adds an unknown keyword | /properties/note/format=email                     | /data/note: v2 changes keyword 'format', which cannot be proven compatible
            """)
    void anIncompatibleChangeIsNamedWithItsPointer(String change, String edit, String expected) {
        ObjectNode v2 = v1();
        if (edit.contains("=")) {
            String pointer = edit.substring(0, edit.indexOf('='));
            String value = edit.substring(edit.indexOf('=') + 1);
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            String field = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/");
            ObjectNode target = (ObjectNode) v2.at(parent);
            if (field.equals("enum")) {
                target.putArray("enum").add(value);
            } else if (value.matches("[0-9.]+")) {
                target.put(field, new java.math.BigDecimal(value));
            } else {
                target.put(field, value);
            }
        } else {
            ((ObjectNode) v2.at("/properties")).remove(edit.substring("/properties/".length()));
        }

        assertThat(breaksOf(v2)).as(change).containsExactly(expected);
    }
}
