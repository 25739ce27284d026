package io.millrace.intake;

import io.millrace.web.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CloudEvents HTTP binary-mode request ({@code ce-*} headers, data in the body) into the
 * structured JSON envelope, so that validation and storage see one shape and error pointers are
 * the same in both modes.
 */
final class BinaryModeEnvelope {

    private static final String PREFIX = "ce-";

    private BinaryModeEnvelope() {
    }

    static boolean isBinaryMode(HttpServletRequest request) {
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                return true;
            }
        }
        return false;
    }

    /** The envelope, with header problems (repeated or badly encoded headers) added to {@code errors}. */
    static ObjectNode build(HttpServletRequest request, String contentType, JsonNode data, List<FieldError> errors) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String attribute = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            String pointer = "/" + attribute.replace("~", "~0").replace("/", "~1");
            List<String> values = new ArrayList<>(Collections.list(request.getHeaders(name)));
            if (attribute.equals("data") || attribute.equals("datacontenttype")) {
                errors.add(FieldError.at(pointer, "header " + name + " is not allowed in binary mode: the body is the "
                        + "data and Content-Type its type"));
                continue;
            }
            if (values.size() > 1) {
                errors.add(FieldError.at(pointer, "header " + name + " is given " + values.size() + " times"));
                continue;
            }
            String decoded = percentDecode(values.get(0));
            if (decoded == null) {
                errors.add(FieldError.at(pointer, "header " + name + " is not valid percent-encoded UTF-8"));
                continue;
            }
            envelope.put(attribute, decoded);
        }
        envelope.put("datacontenttype", contentType);
        if (data != null) {
            envelope.set("data", data);
        }
        return envelope;
    }

    /** Percent-decoding of the CloudEvents HTTP binding ({@code +} is a plus, not a space). */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }
}
