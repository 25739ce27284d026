package io.millrace.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI 3.1 description of the running hub parses with the reference parser, lists the main
 * endpoints with the bearer-key scheme, and is served with its browsable page without a key while
 * the API itself still needs one.
 */
class OpenApiIT extends HubIntegrationTest {

    @Test
    void theDescriptionParsesAsOpenApi31AndListsTheMainEndpoints() {
        HttpResponse<String> r = http.get("/v3/api-docs", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(r.body(), null, options);
        OpenAPI api = parsed.getOpenAPI();

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(api.getOpenapi()).startsWith("3.1.");
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getPaths()).containsKeys("/api/v1/events", "/api/v1/events/{trackingId}", "/api/v1/catalog",
                "/api/v1/catalog/{type}", "/api/v1/catalog/asyncapi", "/api/v1/master-data",
                "/api/v1/ledger/trial-balance", "/api/v1/ledger/journal", "/api/v1/inventory", "/api/v1/exceptions",
                "/api/v1/sources");
        PathItem events = api.getPaths().get("/api/v1/events");
        assertThat(events.getPost()).isNotNull();
        assertThat(api.getPaths().values()).allSatisfy(path -> path.readOperations().forEach(operation ->
                assertThat(operation.getParameters() == null ? java.util.List.<String>of()
                        : operation.getParameters().stream().map(p -> p.getName()).toList())
                        .as("the caller is the bearer key, not a parameter").doesNotContain("caller")));
        assertThat(api.getPaths().get("/api/v1/ledger/journal").getGet().getParameters())
                .extracting(p -> p.getName()).contains("cursor", "limit", "plant");
        assertThat(api.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity()).singleElement().satisfies(s -> assertThat(s).containsKey("apiKey"));
    }

    @Test
    void theBrowsablePageIsServedWithoutAKeyButTheApiStillNeedsOne() {
        HttpResponse<String> page = http.get("/swagger-ui/index.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        HttpResponse<String> config = http.get("/v3/api-docs/swagger-config", null);
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");

        assertThat(http.get("/api/v1/ledger/trial-balance", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/catalog", null).statusCode()).isEqualTo(401);
        assertThat(http.send("POST", "/v3/api-docs", null, "application/json", new byte[0]).statusCode()).isEqualTo(401);
    }
}
