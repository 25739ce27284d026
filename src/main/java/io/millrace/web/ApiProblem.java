package io.millrace.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Thrown by a module to answer with an RFC 9457 problem. {@code type} is a short slug that becomes
 * {@code urn:millrace:problem:<slug>}; {@code properties} are extra members of the problem object.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, List.of(), Map.of());
    }

    public ApiProblem(HttpStatus status, String type, String title, String detail,
                      List<FieldError> errors, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.properties = new LinkedHashMap<>(properties);
    }

    public static ApiProblem invalid(String detail, List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, errors, Map.of());
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    public static ApiProblem conflict(String detail, Map<String, Object> properties) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", "Conflict", detail, List.of(), properties);
    }

    public HttpStatus status() {
        return status;
    }

    public URI typeUri() {
        return URI.create("urn:millrace:problem:" + type);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
