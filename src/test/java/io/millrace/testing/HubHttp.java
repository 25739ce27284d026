package io.millrace.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that talk to a running hub. */
public final class HubHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public HubHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> send(String method, String path, String key, String contentType, byte[] body,
                                     String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public HttpResponse<String> post(String path, String key, String contentType, String body, String... headers) {
        return send("POST", path, key, contentType, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Issues a key with the admin key; answers the new API key. */
    public String issueKey(String adminKey, String request) {
        HttpResponse<String> r = post("/api/v1/sources", adminKey, "application/json", request);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("issuing a key answered " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("apiKey").asString();
    }
}
