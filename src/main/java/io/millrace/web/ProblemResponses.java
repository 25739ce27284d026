package io.millrace.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds problem responses; used by the exception handler and by servlet filters alike. */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private ProblemResponses() {
    }

    public static ProblemDetail of(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setType(problem.typeUri());
        body.setTitle(problem.title());
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", problem.errors());
        }
        for (Map.Entry<String, Object> e : problem.properties().entrySet()) {
            body.setProperty(e.getKey(), e.getValue());
        }
        return body;
    }

    public static ProblemDetail generic(HttpStatusCode status, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        String slug = known == null ? "error" : known.name().toLowerCase().replace('_', '-');
        body.setType(URI.create("urn:millrace:problem:" + slug));
        body.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return body;
    }

    public static ResponseEntity<ProblemDetail> entity(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON).body(of(problem));
    }

    public static List<FieldError> single(String pointer, String message) {
        return List.of(FieldError.at(pointer, message));
    }
}
