package io.millrace.access;

import io.millrace.web.ApiProblem;
import io.millrace.web.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes an RFC 9457 problem from a servlet filter, where no controller advice applies. */
final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    static void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        ProblemDetail detail = ProblemResponses.of(problem);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", detail.getType().toString());
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        if (detail.getProperties() != null) {
            body.putAll(detail.getProperties());
        }
        response.setStatus(problem.status().value());
        response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
