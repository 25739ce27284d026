package io.millrace.access;

/**
 * The paths of the OpenAPI description ({@code /v3/api-docs}, also {@code .yaml} and the
 * {@code swagger-config} of the page) and of the Swagger UI page and its assets, which are
 * served without a key.
 */
final class ApiDocs {

    private ApiDocs() {
    }

    static boolean isPublic(String path) {
        return path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/") || path.equals("/v3/api-docs.yaml")
                || path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/");
    }
}
