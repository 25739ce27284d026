package io.millrace.access;

import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/sources}: an admin issues a key for a producer (or another role). */
@RestController
@RequestMapping("/api/v1/sources")
class SourcesController {

    private static final int MAX_BODY = 64 * 1024;

    private final KeyIssuer issuer;
    private final EventCatalog catalog;

    SourcesController(KeyIssuer issuer, EventCatalog catalog) {
        this.issuer = issuer;
        this.catalog = catalog;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    KeyIssuer.IssuedKey issue(Caller caller, HttpServletRequest request) throws IOException {
        caller.requireAdmin();
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large",
                        "A key request is at most " + MAX_BODY + " bytes.");
            }
            body = EventJson.mapper().readTree(bytes);
        } catch (JacksonException ex) {
            throw ApiProblem.badRequest("The body is not valid JSON: " + ex.getOriginalMessage()
                    + (ex.getLocation() == null ? "" : " (line " + ex.getLocation().getLineNr()
                    + ", column " + ex.getLocation().getColumnNr() + ")"));
        }
        return issuer.issue(KeyRequest.parse(body, catalog), caller);
    }
}
