package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.millrace.web.FieldError;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** The CloudEvents 1.0 envelope rules, one failing case each, with the exact pointer and message. */
class EnvelopeRulesTest {

    private static final String TYPE = "mfg.production.material.consumed";
    private static final String TIME = "must be an RFC 3339 timestamp with a zone, e.g. 2026-11-26T08:15:00Z";

    private final EventCatalog catalog = Examples.CATALOG;

    private static ObjectNode event() {
        return Examples.of(TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "time", "plant", "data"})
    void requiresTheAttribute(String attribute) {
        assertThat(catalog.validate(Examples.without(event(), "/" + attribute)))
                .containsExactly(FieldError.at("/" + attribute, "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "time", "plant", "data"})
    void treatsANullRequiredAttributeAsMissing(String attribute) {
        assertThat(catalog.validate(Examples.with(event(), "/" + attribute, "null")))
                .containsExactly(FieldError.at("/" + attribute, "is required"));
    }

    static Stream<Arguments> violations() {
        String known = Examples.CATALOG.types().stream().map(EventTypeDescriptor::type).collect(Collectors.joining(", "));
        return Stream.of(
                arguments("/specversion", "\"0.3\"", "/specversion", "must be \"1.0\""),
                arguments("/specversion", "1.0", "/specversion", "must be \"1.0\""),
                arguments("/id", "\"\"", "/id", "must not be empty"),
                arguments("/id", "17", "/id", "must be a string"),
                arguments("/id", "\"" + "i".repeat(257) + "\"", "/id", "must be at most 256 characters"),
                arguments("/source", "\"\"", "/source", "must not be empty"),
                arguments("/source", "{}", "/source", "must be a string"),
                arguments("/type", "\"mfg.production.material.eaten\"", "/type", "is not a known event type; known: " + known),
                arguments("/type", "[]", "/type", "must be a string"),
                arguments("/time", "\"2026-11-26T08:15:00\"", "/time", TIME),
                arguments("/time", "\"2026-11-26\"", "/time", TIME),
                arguments("/time", "\"2026-13-01T08:15:00Z\"", "/time", TIME),
                arguments("/time", "\"2026-02-30T08:15:00Z\"", "/time", TIME),
                arguments("/time", "\"2026-11-26T24:00:00Z\"", "/time", TIME),
                arguments("/time", "\"2026-11-26T08:15:00+0100\"", "/time", TIME),
                arguments("/time", "\"26.11.2026 08:15\"", "/time", TIME),
                arguments("/time", "1795680900", "/time", TIME),
                arguments("/plant", "\"\"", "/plant", "must be a code of 1 to 64 characters: ASCII letters, digits and - _ . /"),
                arguments("/plant", "\"P 100\"", "/plant", "must be a code of 1 to 64 characters: ASCII letters, digits and - _ . /"),
                arguments("/plant", "100", "/plant", "must be a string"),
                arguments("/subject", "\"\"", "/subject", "must not be empty"),
                arguments("/subject", "\"" + "s".repeat(257) + "\"", "/subject", "must be at most 256 characters"),
                arguments("/correlationid", "7", "/correlationid", "must be a string"),
                arguments("/datacontenttype", "\"application/xml\"", "/datacontenttype", "must be application/json"),
                arguments("/datacontenttype", "true", "/datacontenttype", "must be application/json"),
                arguments("/dataschema", "\"urn:millrace:schema:" + TYPE + ":3\"", "/dataschema",
                        "names major version 3 of " + TYPE + ", which does not exist; known: 1, 2"),
                arguments("/dataschema", "\"urn:millrace:schema:mfg.production.order.closed:1\"", "/dataschema",
                        "names type mfg.production.order.closed but the event's type is " + TYPE),
                arguments("/dataschema", "\"https://example.com/consumed.json\"", "/dataschema",
                        "must be urn:millrace:schema:<type>:<major>, e.g. urn:millrace:schema:" + TYPE + ":1"),
                arguments("/dataschema", "\"urn:millrace:schema:" + TYPE + ":0\"", "/dataschema",
                        "must be urn:millrace:schema:<type>:<major>, e.g. urn:millrace:schema:" + TYPE + ":1"),
                arguments("/data", "\"lot L-1\"", "/data", "must be a JSON object"),
                arguments("/data", "[1]", "/data", "must be a JSON object"),
                arguments("/data_base64", "\"eyJ9\"", "/data_base64", "is not accepted: send the payload as a JSON object in data"),
                arguments("/traceId", "\"x\"", "/traceId", "is not a valid attribute name: CloudEvents attribute names are lowercase ASCII letters and digits"),
                arguments("/trace_id", "\"x\"", "/trace_id", "is not a valid attribute name: CloudEvents attribute names are lowercase ASCII letters and digits"),
                arguments("/Subject", "\"MO-1\"", "/Subject", "is not a valid attribute name: CloudEvents attribute names are lowercase ASCII letters and digits; did you mean 'subject'?"),
                arguments("/a~1b", "\"x\"", "/a~1b", "is not a valid attribute name: CloudEvents attribute names are lowercase ASCII letters and digits"),
                arguments("/line", "{\"no\":1}", "/line", "must be a string, number or boolean (an extension attribute)"),
                arguments("/tags", "[\"a\"]", "/tags", "must be a string, number or boolean (an extension attribute)"),
                arguments("/note", "\"" + "n".repeat(257) + "\"", "/note", "must be at most 256 characters"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("violations")
    void rejectsTheViolationWithItsPointerAndMessage(String pointer, String value, String expectedPointer,
                                                      String expectedMessage) {
        assertThat(catalog.validate(Examples.with(event(), pointer, value)))
                .containsExactly(FieldError.at(expectedPointer, expectedMessage));
    }

    static Stream<Arguments> acceptable() {
        return Stream.of(
                arguments("/time", "\"2026-11-26t08:15:00z\""),
                arguments("/time", "\"2026-11-26T08:15:00.123456789+05:30\""),
                arguments("/time", "\"2028-02-29T23:59:59-08:00\""),
                arguments("/subject", "null"),
                arguments("/correlationid", "null"),
                arguments("/dataschema", "\"urn:millrace:schema:" + TYPE + ":1\""),
                arguments("/datacontenttype", "\"application/json; charset=utf-8\""),
                arguments("/datacontenttype", "null"),
                arguments("/traceparent", "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\""),
                arguments("/retry2", "3"),
                arguments("/urgent", "false"),
                arguments("/weight", "2.5"),
                arguments("/empty", "null"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("acceptable")
    void acceptsWhatCloudEventsAllows(String pointer, String value) {
        assertThat(catalog.validate(Examples.with(event(), pointer, value))).isEmpty();
    }

    @Test
    void rejectsAnythingButAJsonObject() {
        for (String notAnEvent : new String[] {"[]", "\"event\"", "42", "null"}) {
            assertThat(catalog.validate(Examples.json(notAnEvent))).containsExactly(
                    FieldError.at("", "must be a JSON object (a CloudEvent in structured JSON form)"));
        }
        assertThat(catalog.validate(null)).extracting(FieldError::pointer).containsExactly("");
    }

    @Test
    void checksTheDataOfTheMajorVersionThatDataschemaNames() {
        ObjectNode event = Examples.with(event(), "/dataschema", "\"urn:millrace:schema:" + TYPE + ":1\"");
        Examples.with(event, "/data/quantity", "0");
        assertThat(catalog.validate(event)).containsExactly(FieldError.at("/data/quantity", "must be greater than 0"));
    }

    @Test
    void leavesTheDataUncheckedWhenItsTypeOrVersionIsUnknown() {
        ObjectNode unknownType = Examples.with(event(), "/type", "\"mfg.other\"");
        Examples.with(unknownType, "/data/quantity", "0");
        assertThat(catalog.validate(unknownType)).extracting(FieldError::pointer).containsExactly("/type");

        ObjectNode unknownMajor = Examples.with(event(), "/dataschema", "\"urn:millrace:schema:" + TYPE + ":9\"");
        Examples.with(unknownMajor, "/data/quantity", "0");
        assertThat(catalog.validate(unknownMajor)).extracting(FieldError::pointer).containsExactly("/dataschema");
    }

    @Test
    void reportsEnvelopeAndDataViolationsTogether() {
        ObjectNode event = event();
        Examples.with(event, "/specversion", "\"0.3\"");
        Examples.with(event, "/Plant", "\"P100\"");
        Examples.without(event, "/source");
        Examples.with(event, "/data/quantity", "-1");
        Examples.without(event, "/data/uom");
        assertThat(catalog.validate(event)).containsExactlyInAnyOrder(
                FieldError.at("/source", "is required"),
                FieldError.at("/specversion", "must be \"1.0\""),
                FieldError.at("/Plant", "is not a valid attribute name: CloudEvents attribute names are lowercase "
                        + "ASCII letters and digits; did you mean 'plant'?"),
                FieldError.at("/data/quantity", "must be greater than 0"),
                FieldError.at("/data/uom", "is required"));
    }
}
