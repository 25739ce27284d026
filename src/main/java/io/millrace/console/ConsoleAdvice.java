package io.millrace.console;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows: who is signed in and what the role allows (pages show only the
 * actions the role may take; the services check again), and the CSRF token for its forms. A
 * refusal or a problem from a service is shown as a page with its message, never as JSON.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    /** Permissions of the signed-in key, as the API grants them. */
    record Permissions(boolean acts, boolean admin) {
        static Permissions of(Caller caller) {
            return caller == null ? new Permissions(false, false)
                    : new Permissions(caller.role().actsOnExceptions(), caller.role() == Role.ADMIN);
        }
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        model.addAttribute("caller", caller);
        model.addAttribute("can", Permissions.of(caller));
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        model.addAttribute("path", path);
        model.addAttribute("here", request.getQueryString() == null ? path : path + "?" + request.getQueryString());
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(problem.status().value());
        common(request, model);
        model.addAttribute("status", problem.status().value());
        model.addAttribute("title", problem.title());
        model.addAttribute("detail", problem.getMessage());
        return "console/problem";
    }
}
