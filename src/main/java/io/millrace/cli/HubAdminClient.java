package io.millrace.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the launcher's own commands ask of a running hub over its public HTTP API. */
final class HubAdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String key;

    HubAdminClient(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** Upserts master data; answers the per-kind counts. */
    JsonNode putMasterData(String json) {
        return call("PUT", "/api/v1/master-data", json, 200);
    }

    /** Issues a key and answers the new API key. */
    String issueKey(String name, String role, String plants) {
        String scope = "producer".equals(role)
                ? ",\"sources\":[\"*\"],\"plants\":[" + plants + "],\"eventTypes\":[\"*\"],\"ratePerSecond\":1000"
                : "";
        String body = "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"" + scope + "}";
        return call("POST", "/api/v1/sources", body, 201).get("apiKey").asString();
    }

    JsonNode putBinding(String name, String json) {
        return call("PUT", "/api/v1/bindings/" + name, json, 201);
    }

    JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    private JsonNode call(String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
