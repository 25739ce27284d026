package io.millrace.outbox;

import io.millrace.accounting.posting.OutboundMessage;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code millrace.outbox.*}: the webhook subscribers and how the dispatcher delivers to them.
 *
 * @param dispatch       false turns delivery off on this instance (messages are still written)
 * @param pollInterval   how often an idle subscriber looks for messages written by other instances
 * @param leaseDuration  how long an instance owns a subscriber without renewing its lease; longer
 *                       than a delivery attempt can take
 * @param connectTimeout connecting to a subscriber
 * @param requestTimeout one delivery request, answer included
 */
@ConfigurationProperties("millrace.outbox")
public record OutboxProperties(@DefaultValue("true") boolean dispatch,
                               @DefaultValue("500ms") Duration pollInterval,
                               @DefaultValue("30s") Duration leaseDuration,
                               @DefaultValue("5s") Duration connectTimeout,
                               @DefaultValue("10s") Duration requestTimeout,
                               @DefaultValue Retry retry,
                               @DefaultValue CircuitBreaker circuitBreaker,
                               List<Webhook> webhooks) {

    /** The types of event the hub publishes, the only ones a webhook may name. */
    public static final List<String> OUTBOUND_TYPES = List.of(OutboundMessage.JOURNAL_POSTED,
            OutboundMessage.INVOICE_ISSUED, OutboundMessage.VARIANCE_SETTLED, ExceptionEvents.RAISED,
            ExceptionEvents.RESOLVED, SlaAlertEvents.RAISED, SlaAlertEvents.CLEARED);

    public OutboxProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        positive(pollInterval, "poll-interval");
        positive(connectTimeout, "connect-timeout");
        positive(requestTimeout, "request-timeout");
        if (leaseDuration.compareTo(requestTimeout.plus(connectTimeout)) <= 0) {
            throw new IllegalArgumentException("millrace.outbox.lease-duration (" + leaseDuration
                    + ") must be longer than connect-timeout plus request-timeout");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < webhooks.size(); i++) {
            if (!names.add(webhooks.get(i).name())) {
                throw new IllegalArgumentException("millrace.outbox.webhooks[" + i + "].name '"
                        + webhooks.get(i).name() + "' is used by another webhook");
            }
        }
    }

    /** Defaults only: no subscribers. */
    public static OutboxProperties defaults(List<Webhook> webhooks) {
        return new OutboxProperties(true, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Retry.defaults(), CircuitBreaker.defaults(), webhooks);
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("millrace.outbox." + name + " must be positive, was " + value);
        }
    }

    /**
     * Backoff between failed attempts on one subscriber: {@code initialBackoff}, doubled after
     * every further failure, at most {@code maxBackoff}.
     */
    public record Retry(@DefaultValue("1s") Duration initialBackoff, @DefaultValue("1m") Duration maxBackoff) {
        public Retry {
            positive(initialBackoff, "retry.initial-backoff");
            positive(maxBackoff, "retry.max-backoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("millrace.outbox.retry.max-backoff (" + maxBackoff
                        + ") is shorter than retry.initial-backoff (" + initialBackoff + ")");
            }
        }

        public static Retry defaults() {
            return new Retry(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
    }

    /**
     * The circuit of a subscriber opens after {@code failureThreshold} failed deliveries in a row,
     * stays open for {@code openDuration}, then lets one trial delivery through.
     */
    public record CircuitBreaker(@DefaultValue("5") int failureThreshold,
                                 @DefaultValue("30s") Duration openDuration) {
        public CircuitBreaker {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException(
                        "millrace.outbox.circuit-breaker.failure-threshold must be at least 1, was " + failureThreshold);
            }
            positive(openDuration, "circuit-breaker.open-duration");
        }

        public static CircuitBreaker defaults() {
            return new CircuitBreaker(5, Duration.ofSeconds(30));
        }
    }

    /**
     * A subscriber: messages of {@code types} (all when empty) are POSTed to {@code url} as
     * structured CloudEvents, {@code batchSize} at most per request (1: one
     * {@code application/cloudevents+json} event; more: an {@code application/cloudevents-batch+json}
     * array). With a {@code secret}, every request is signed as Standard Webhooks says
     * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) and carries
     * {@code X-Millrace-Signature: sha256=<hex HMAC-SHA256 of the body>} too (see {@link Signatures}).
     */
    public record Webhook(String name, URI url, List<String> types, String secret,
                          @DefaultValue("1") int batchSize) {
        public Webhook {
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("millrace.outbox.webhooks[].name must be 1-64 letters, digits or"
                        + " '._-', was " + name);
            }
            String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("millrace.outbox.webhooks[" + name + "].url must be an absolute"
                        + " http or https URL, was " + url);
            }
            types = types == null ? List.of() : List.copyOf(types);
            for (String type : types) {
                if (!OUTBOUND_TYPES.contains(type)) {
                    throw new IllegalArgumentException("millrace.outbox.webhooks[" + name + "].types: '" + type
                            + "' is not an event the hub publishes; one of " + OUTBOUND_TYPES);
                }
            }
            secret = secret == null || secret.isEmpty() ? null : secret;
            if (batchSize < 1 || batchSize > 500) {
                throw new IllegalArgumentException("millrace.outbox.webhooks[" + name + "].batch-size must be 1-500,"
                        + " was " + batchSize);
            }
        }

        /** A subscriber of every type, unsigned, one event per request. */
        public static Webhook of(String name, URI url) {
            return new Webhook(name, url, List.of(), null, 1);
        }

        /** True when the subscriber takes messages of this type. */
        public boolean accepts(String type) {
            return types.isEmpty() || types.contains(type);
        }

        @Override
        public String toString() {
            return "Webhook[" + name + " " + url + " types=" + types + " batchSize=" + batchSize
                    + (secret == null ? "" : " signed") + "]";
        }
    }
}
