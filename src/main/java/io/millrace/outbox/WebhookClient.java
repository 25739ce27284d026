package io.millrace.outbox;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** POSTs CloudEvents to one subscriber; any answer but 2xx, and any I/O failure, is a {@link DeliveryFailure}. */
final class WebhookClient {

    private static final int MAX_ANSWER = 200;

    private final OutboxProperties.Webhook webhook;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    WebhookClient(OutboxProperties.Webhook webhook, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.webhook = webhook;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void post(CloudEventBodies.Body body) throws DeliveryFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(requestTimeout)
                .header("Content-Type", body.contentType())
                .header("User-Agent", "millrace-outbox")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (webhook.secret() != null) {
            Signatures.headers(webhook.secret(), body.bytes(), clock.instant()).forEach(request::header);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new DeliveryFailure(describe(ex));
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String answer = response.body() == null ? "" : response.body().strip();
            throw new DeliveryFailure("HTTP " + status + (answer.isEmpty() ? "" : ": "
                    + (answer.length() > MAX_ANSWER ? answer.substring(0, MAX_ANSWER) + "..." : answer)));
        }
    }

    /** The failure's class and message, with its cause when it has no message (a refused connection has none). */
    private static String describe(Throwable ex) {
        String name = ex.getClass().getSimpleName();
        if (ex.getMessage() != null) {
            return name + ": " + ex.getMessage();
        }
        return ex.getCause() == null ? name : name + " (" + describe(ex.getCause()) + ")";
    }

    /** A delivery the subscriber did not acknowledge. */
    static final class DeliveryFailure extends Exception {
        DeliveryFailure(String message) {
            super(message, null, false, false);
        }
    }
}
