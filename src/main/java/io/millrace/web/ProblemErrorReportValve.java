package io.millrace.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page, for requests it refuses before the application sees them (a URL
 * whose percent-encoding is broken): a problem stating the status only, never an HTML page with
 * the server's version or a stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        String detail = status.is5xxServerError() ? "The hub could not complete the request; nothing was changed."
                : "The request was refused: " + status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT) + ".";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"urn:millrace:problem:" + status.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-') + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + code
                        + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // the client is gone or the response was taken: nothing more to tell
        }
    }
}
