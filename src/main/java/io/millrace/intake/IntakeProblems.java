package io.millrace.intake;

import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** The problems intake answers with, phrased so that a producer can fix the request. */
final class IntakeProblems {

    static final String ACCEPTED_TYPES = "application/cloudevents+json, application/cloudevents-batch+json, "
            + "or application/json with ce-* headers (binary mode)";

    private IntakeProblems() {
    }

    static ApiProblem tooLarge(String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large", detail);
    }

    static ApiProblem unsupportedType(String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", detail + " Send " + ACCEPTED_TYPES + ".");
    }

    static ApiProblem malformed(JacksonException ex) {
        TokenStreamLocation at = ex.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                "The body is not valid JSON" + where + ": " + ex.getOriginalMessage());
    }

    static ApiProblem malformed(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail);
    }

    static ApiProblem invalid(int events, List<FieldError> errors) {
        String detail = events == 1 ? "The event is invalid; nothing was accepted."
                : "The batch has " + errors.size() + " error(s); nothing of its " + events + " events was accepted.";
        return ApiProblem.invalid(detail, errors);
    }

    static ApiProblem outOfScope(String keyId, List<FieldError> errors) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Key " + keyId + " may not publish " + (errors.size() == 1 ? "this" : "these") + ": "
                        + errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                        + "; nothing was accepted.", errors, Map.of());
    }
}
