package io.millrace.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (a request the container refused before any
 * controller, such as a malformed URL) with a problem instead of Spring Boot's default body.
 * It states the status only: the container's message may name internals.
 */
@RestController
class ErrorProblems implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (!status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is5xxServerError() ? "The hub could not complete the request; nothing was changed."
                : "The request was refused: " + status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT) + ".";
        response.resetBuffer();
        ResponseGuard.writeProblem(response, status, detail);
    }
}
