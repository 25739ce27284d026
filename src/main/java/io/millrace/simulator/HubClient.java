package io.millrace.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The hub as the simulator sees it: master data to read and an event intake to post batches to. */
public final class HubClient {

    public static final String BATCH_TYPE = "application/cloudevents-batch+json";

    /** The hub's answer to one batch. {@code problem} is the problem detail of a non-202 answer. */
    public record BatchAnswer(int status, int accepted, int duplicates, String problem, Optional<Duration> retryAfter) {

        boolean retryable() {
            return status == 429 || status >= 500;
        }

        boolean fatal() {
            return status == 401 || status == 403;
        }
    }

    /** The hub could not be used at all: unreachable, or it refused the key. */
    public static final class HubUnavailable extends RuntimeException {
        public HubUnavailable(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final String base;
    private final String apiKey;
    private final Duration timeout;

    public HubClient(URI url, String apiKey, Duration timeout) {
        this.base = url.toString().replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public MasterDataSet masterData() {
        HttpRequest request = request("/api/v1/master-data").GET().header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new HubUnavailable("cannot reach the hub at " + base + ": " + describe(ex));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new HubUnavailable("interrupted while reading master data");
        }
        if (response.statusCode() != 200) {
            throw new HubUnavailable("GET " + base + "/api/v1/master-data answered " + problem(response)
                    + (response.statusCode() == 403 ? " (the key may not read master data: use --master-data FILE)" : ""));
        }
        try {
            return MasterDataSet.parse(response.body());
        } catch (IllegalArgumentException ex) {
            throw new HubUnavailable("the hub's master data could not be read: " + ex.getMessage());
        }
    }

    /** Posts one batch; throws {@link IOException} when the hub cannot be reached (worth retrying). */
    public BatchAnswer post(List<ObjectNode> batch) throws IOException, InterruptedException {
        byte[] body = TrafficSender.MAPPER.writeValueAsBytes(batch);
        HttpRequest request = request("/api/v1/events").header("Content-Type", BATCH_TYPE)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(HubClient::seconds);
        if (response.statusCode() != 202) {
            return new BatchAnswer(response.statusCode(), 0, 0, problem(response), retryAfter);
        }
        int accepted = 0;
        int duplicates = 0;
        try {
            for (JsonNode receipt : TrafficSender.MAPPER.readTree(response.body()).path("receipts")) {
                if ("DUPLICATE".equals(receipt.path("status").asString(""))) {
                    duplicates++;
                } else {
                    accepted++;
                }
            }
        } catch (JacksonException ex) {
            return new BatchAnswer(502, 0, 0, "202 with an unreadable body: " + ex.getOriginalMessage(), retryAfter);
        }
        return new BatchAnswer(202, accepted, duplicates, null, retryAfter);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey);
    }

    /** One line from an RFC 9457 problem: status, detail and the first few field errors. */
    static String problem(HttpResponse<String> response) {
        StringBuilder line = new StringBuilder().append(response.statusCode());
        try {
            JsonNode p = TrafficSender.MAPPER.readTree(response.body());
            String detail = p.path("detail").asString(p.path("title").asString(""));
            if (!detail.isEmpty()) {
                line.append(' ').append(detail);
            }
            int shown = 0;
            for (JsonNode error : p.path("errors")) {
                if (shown++ == 3) {
                    line.append("; ...");
                    break;
                }
                line.append("; event ").append(error.path("index").asString("?")).append(' ')
                        .append(error.path("pointer").asString("")).append(": ").append(error.path("message").asString(""));
            }
        } catch (JacksonException | IllegalArgumentException ex) {
            String body = response.body() == null ? "" : response.body().strip();
            if (!body.isEmpty()) {
                line.append(' ').append(body, 0, Math.min(200, body.length()));
            }
        }
        return line.toString();
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.min(30, Math.max(0, Long.parseLong(header.trim())))));
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
