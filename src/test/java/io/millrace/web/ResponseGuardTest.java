package io.millrace.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ResponseGuardTest {

    @Test
    void anExceptionInALaterFilterIsA500ProblemThatNamesNothingInternal() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/pipeline/backlog");
        request.setRequestURI("/api/v1/pipeline/backlog");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new ResponseGuard().doFilter(request, response, (req, res) -> {
            throw new IllegalStateException("connection to jdbc:postgresql://db.internal:5432/millrace refused");
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":500")
                .contains("nothing was changed").doesNotContain("jdbc").doesNotContain("IllegalState");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfterSoThatProducersSendAgain() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/events");
        request.setRequestURI("/api/v1/events");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new ResponseGuard().doFilter(request, response, (req, res) -> {
            throw new IllegalStateException("looking up the key failed", new java.sql.SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 5000ms"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("\"status\":503").contains("Send the request again")
                .doesNotContain("Hikari");
    }

    @Test
    void theControllerAdviceAnswers503WithRetryAfterWhenTheDatabaseIsUnreachableAnd500Otherwise() {
        var unreachable = new ProblemHandler().unexpected(new RuntimeException("could not append 1 events to the log",
                new java.sql.SQLException("Connection to 127.0.0.1:5432 refused.", "08001")));
        var restarting = new ProblemHandler().unexpected(new RuntimeException("could not append",
                new java.sql.SQLException("terminating connection due to administrator command", "57P01")));
        var bug = new ProblemHandler().unexpected(new IllegalStateException("a bug"));

        assertThat(unreachable.getStatusCode().value()).isEqualTo(503);
        assertThat(unreachable.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(unreachable.getBody().getDetail()).contains("Retry-After");
        assertThat(restarting.getStatusCode().value()).isEqualTo(503);
        assertThat(bug.getStatusCode().value()).isEqualTo(500);
        assertThat(bug.getHeaders().getFirst("Retry-After")).isNull();
    }

    @Test
    void keyAnswersAreNeverStoredAndTheConsoleGetsItsOwnPolicy() throws Exception {
        MockHttpServletRequest keys = new MockHttpServletRequest("POST", "/api/v1/sources");
        MockHttpServletResponse keysResponse = new MockHttpServletResponse();
        new ResponseGuard().doFilter(keys, keysResponse, (req, res) -> { });
        MockHttpServletRequest console = new MockHttpServletRequest("GET", "/console");
        MockHttpServletResponse consoleResponse = new MockHttpServletResponse();
        new ResponseGuard().doFilter(console, consoleResponse, (req, res) -> { });

        assertThat(keysResponse.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(keysResponse.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(consoleResponse.getHeader("Content-Security-Policy")).isEqualTo(ResponseGuard.CONSOLE_POLICY);
        assertThat(consoleResponse.getHeader("Cache-Control")).isNull();
    }

    @Test
    void theBrowsableApiDescriptionMayLoadItsOwnScriptsWhileTheApiLoadsNothing() {
        assertThat(ResponseGuard.policyFor("/swagger-ui/index.html")).contains("script-src 'self'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'");
        assertThat(ResponseGuard.policyFor("/api/v1/catalog")).startsWith("default-src 'none';")
                .doesNotContain("script-src");
    }
}
