package io.millrace.edge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link HubLink} over HTTP/1.1 with the JDK's client, authenticated with the key the edge forwards with. */
final class HttpHubLink implements HubLink {

    private final URI hub;
    private final String authorization;
    private final Duration requestTimeout;
    private final HttpClient client;

    HttpHubLink(URI hub, String key, Duration requestTimeout) {
        String base = hub.toString();
        this.hub = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.authorization = "Bearer " + key;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public Answer get(String path) throws IOException {
        return send(request(path).GET().build());
    }

    @Override
    public Answer post(String path, String contentType, byte[] body) throws IOException {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(hub + path))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json, application/problem+json");
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").map(HttpHubLink::seconds).orElse(null));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the hub", ex);
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException ex) {
            return null; // an HTTP date: the exponential back-off applies instead
        }
    }
}
