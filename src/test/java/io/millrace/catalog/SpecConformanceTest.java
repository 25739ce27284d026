package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The schemas agree with the events table of events.md, the contract with producers: the same
 * types, and for each type (and its lines) the same required and optional data fields, enums and
 * documented defaults. The spec lives beside the repository ({@code MILLRACE_SPEC_DIR}, system
 * property or environment, default {@code ../shared/spec}); without it the test is skipped,
 * except under {@code CI=true}.
 */
class SpecConformanceTest {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(mfg\\.[a-z.\\-]+)`\\s*\\|[^|]*\\|([^|]+)\\|\\s*$");

    private static Map<String, Fields> spec;
    private final EventCatalog catalog = Examples.CATALOG;

    @BeforeAll
    static void readEventsTable() throws IOException {
        String dir = System.getProperty("MILLRACE_SPEC_DIR", System.getenv().getOrDefault("MILLRACE_SPEC_DIR", "../shared/spec"));
        Path events = Path.of(dir, "events.md");
        if (!Files.isRegularFile(events)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("The specification " + events.toAbsolutePath() + " is missing; set MILLRACE_SPEC_DIR");
            }
            Assumptions.abort("The specification " + events.toAbsolutePath() + " is not present");
        }
        spec = new LinkedHashMap<>();
        boolean inTypes = false;
        for (String line : Files.readAllLines(events)) {
            if (line.startsWith("## ")) {
                inTypes = line.startsWith("## Types");
            }
            Matcher row = ROW.matcher(line);
            if (inTypes && row.matches()) {
                spec.put(row.group(1), Fields.parse(row.group(2).trim()));
            }
        }
        readExtensionsFromReadme();
    }

    /** Types the hub adds to the contract are documented in the README in the same table form. */
    private static void readExtensionsFromReadme() throws IOException {
        boolean inExtensions = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("## ")) {
                inExtensions = line.startsWith("## Corrections") || line.startsWith("## Transfers between plants");
            }
            Matcher row = ROW.matcher(line);
            if (inExtensions && row.matches()) {
                spec.put(row.group(1), Fields.parse(row.group(2).trim()));
            }
        }
    }

    @Test
    void catalogHasExactlyTheTypesOfTheSpec() {
        assertThat(spec).hasSize(16);
        assertThat(catalog.types()).extracting(EventTypeDescriptor::type).containsExactlyElementsOf(spec.keySet());
    }

    @Test
    void everySchemaHasTheRequiredAndOptionalFieldsOfTheSpec() {
        for (EventTypeDescriptor type : catalog.types()) {
            Fields expected = spec.get(type.type());
            // the table is version 1; later majors are compatible evolutions, checked when the catalog loads
            EventTypeDescriptor.Version first = type.versions().get(0);
            assertThat(first.major()).isEqualTo(1);
            assertAgree(type.type() + " v1", first.schema(), expected);
        }
    }

    private static void assertAgree(String where, JsonNode schema, Fields expected) {
        assertThat(schema.path("type").asString()).as(where + " type").isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean())
                .as(where + " additionalProperties: false").isTrue();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(n -> required.add(n.asString()));
        Set<String> properties = new LinkedHashSet<>(schema.path("properties").propertyNames());
        Set<String> optional = new LinkedHashSet<>(properties);
        optional.removeAll(required);

        assertThat(required).as(where + " required").containsExactlyInAnyOrderElementsOf(expected.required());
        assertThat(optional).as(where + " optional").containsExactlyInAnyOrderElementsOf(expected.optional().keySet());
        for (Map.Entry<String, String> field : expected.optional().entrySet()) {
            JsonNode property = schema.path("properties").path(field.getKey());
            String documented = property.has("default") ? property.get("default").toString()
                    : property.path("description").asString();
            assertThat(documented).as(where + " default of " + field.getKey()).contains(field.getValue());
        }
        for (Map.Entry<String, List<String>> enumerated : expected.enums().entrySet()) {
            List<String> values = new ArrayList<>();
            schema.path("properties").path(enumerated.getKey()).path("enum").forEach(n -> values.add(n.asString()));
            assertThat(values).as(where + " enum of " + enumerated.getKey()).containsExactlyElementsOf(enumerated.getValue());
        }
        for (Map.Entry<String, Fields> lines : expected.arrays().entrySet()) {
            JsonNode array = schema.path("properties").path(lines.getKey());
            assertThat(array.path("type").asString()).as(where + " " + lines.getKey()).isEqualTo("array");
            assertThat(array.path("minItems").asInt()).as(where + " " + lines.getKey() + " non-empty").isEqualTo(1);
            assertAgree(where + " " + lines.getKey() + "[]", array.path("items"), lines.getValue());
        }
    }

    /** The data fields of one row: "orderId, item, lines[] of {a, b}, backflush (optional, default false)". */
    record Fields(Set<String> required, Map<String, String> optional, Map<String, List<String>> enums,
                  Map<String, Fields> arrays) {

        private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

        static Fields parse(String text) {
            Fields fields = new Fields(new LinkedHashSet<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
            for (String token : splitTopLevel(text)) {
                String name = token.split("[\\s\\[(]", 2)[0];
                int brace = token.indexOf('{');
                if (brace >= 0) {
                    fields.arrays().put(name, parse(token.substring(brace + 1, token.lastIndexOf('}'))));
                }
                Matcher optional = Pattern.compile("\\(optional, default (.+)\\)").matcher(token);
                if (optional.find()) {
                    fields.optional().put(name, optional.group(1));
                } else {
                    fields.required().add(name);
                }
                if (token.contains("(`")) {
                    List<String> values = new ArrayList<>();
                    Matcher value = BACKTICKED.matcher(token);
                    while (value.find()) {
                        values.add(value.group(1));
                    }
                    fields.enums().put(name, values);
                }
            }
            return fields;
        }

        private static List<String> splitTopLevel(String text) {
            List<String> tokens = new ArrayList<>();
            int depth = 0;
            StringBuilder current = new StringBuilder();
            for (char c : text.toCharArray()) {
                if (c == '(' || c == '{') {
                    depth++;
                } else if (c == ')' || c == '}') {
                    depth--;
                }
                if (c == ',' && depth == 0) {
                    tokens.add(current.toString().trim());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            tokens.add(current.toString().trim());
            return tokens;
        }
    }
}
