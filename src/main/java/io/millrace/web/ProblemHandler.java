package io.millrace.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of every endpoint into an RFC 9457 problem. Framework errors (404, 405, 415,
 * unreadable bodies) get the same shape as the modules' own {@link ApiProblem}s.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    public ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return ProblemResponses.entity(problem);
    }

    /** Tomcat decodes query parameters lazily, when the first controller argument asks for one. */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex) {
        return ProblemResponses.entity(ApiProblem.badRequest("The query string is not validly encoded: every % must "
                + "be followed by two hexadecimal digits, and the bytes must be UTF-8 (RFC 3986)."));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (StorageUnavailable.is(ex)) {
            log.warn("The database is unreachable: {}", ex.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(StorageUnavailable.RETRY_AFTER_SECONDS))
                    .contentType(ProblemResponses.PROBLEM_JSON)
                    .body(ProblemResponses.generic(HttpStatus.SERVICE_UNAVAILABLE, StorageUnavailable.DETAIL));
        }
        log.error("Unexpected error", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(ProblemResponses.PROBLEM_JSON)
                .body(ProblemResponses.generic(HttpStatus.INTERNAL_SERVER_ERROR,
                        "The hub could not complete the request; nothing was changed."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail pd ? pd : ProblemResponses.generic(status, ex.getMessage());
        ProblemDetail generic = ProblemResponses.generic(status, problem.getDetail());
        problem.setType(generic.getType());
        problem.setTitle(generic.getTitle());
        HttpHeaders out = new HttpHeaders();
        out.putAll(headers);
        out.setContentType(ProblemResponses.PROBLEM_JSON);
        return ResponseEntity.status(status).headers(out).body(problem);
    }
}
