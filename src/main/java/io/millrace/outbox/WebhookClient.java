package io.millrace.outbox;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs CloudEvents to one subscriber, with the W3C {@code traceparent} header of the delivery's
 * trace when it has one; any answer but 2xx, and any I/O failure, is a {@link DeliveryFailure}.
 */
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

    void post(CloudEventBodies.Body body, String traceparent) throws DeliveryFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(requestTimeout)
                .header("Content-Type", body.contentType())
                .header("User-Agent", "millrace-outbox")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        if (webhook.secret() != null) {
            Signatures.headers(webhook.secret(), body.bytes(), clock.instant()).forEach(request::header);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new DeliveryFailure(describe(ex), DeliveryFailure.Kind.UNAVAILABLE);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String answer = response.body() == null ? "" : response.body().strip();
            throw new DeliveryFailure("HTTP " + status + (answer.isEmpty() ? "" : ": "
                    + (answer.length() > MAX_ANSWER ? answer.substring(0, MAX_ANSWER) + "..." : answer)),
                    DeliveryFailure.Kind.ofStatus(status));
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

    /** A delivery the subscriber did not acknowledge, and what kind of failure it was. */
    static final class DeliveryFailure extends Exception {

        /** What a failure says about the message. */
        enum Kind {
            /** The subscriber cannot be reached or is overloaded: nothing is wrong with the message; wait. */
            UNAVAILABLE,
            /** The subscriber refused the message (a 4xx answer): it will most likely refuse it again. */
            REFUSED,
            /** Any other failure (a 5xx answer, an unexpected error): may be the message, may pass. */
            FAILED;

            static Kind ofStatus(int status) {
                if (status == 408 || status == 429 || status == 502 || status == 503 || status == 504) {
                    return UNAVAILABLE;
                }
                return status >= 400 && status < 500 ? REFUSED : FAILED;
            }
        }

        private final Kind kind;

        DeliveryFailure(String message, Kind kind) {
            super(message, null, false, false);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }
}
