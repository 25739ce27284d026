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
 * @param deadLetter     when a message that keeps failing is set aside so that the others go on
 * @param kafkaTypes     accepted inbound event types that the Kafka relay publishes to the outbound
 *                       topic besides the hub's own events
 */
@ConfigurationProperties("millrace.outbox")
public record OutboxProperties(@DefaultValue("true") boolean dispatch,
                               @DefaultValue("500ms") Duration pollInterval,
                               @DefaultValue("30s") Duration leaseDuration,
                               @DefaultValue("5s") Duration connectTimeout,
                               @DefaultValue("10s") Duration requestTimeout,
                               @DefaultValue Retry retry,
                               @DefaultValue CircuitBreaker circuitBreaker,
                               List<Webhook> webhooks,
                               @DefaultValue DeadLetter deadLetter,
                               List<String> kafkaTypes) {

    /** The types of event the hub publishes, the only ones a webhook may name. */
    public static final List<String> OUTBOUND_TYPES = List.of(OutboundMessage.JOURNAL_POSTED,
            OutboundMessage.INVOICE_ISSUED, OutboundMessage.VARIANCE_SETTLED, ExceptionEvents.RAISED,
            ExceptionEvents.RESOLVED, SlaAlertEvents.RAISED, SlaAlertEvents.CLEARED);

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public OutboxProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        deadLetter = deadLetter == null ? DeadLetter.defaults() : deadLetter;
        kafkaTypes = kafkaTypes == null ? List.of() : List.copyOf(kafkaTypes);
        kafkaTypes.forEach(type -> typeName(type, "millrace.outbox.kafka-types"));
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

    /** The settings without dead-letter settings of their own and with no inbound types for Kafka. */
    public OutboxProperties(boolean dispatch, Duration pollInterval, Duration leaseDuration, Duration connectTimeout,
                            Duration requestTimeout, Retry retry, CircuitBreaker circuitBreaker, List<Webhook> webhooks) {
        this(dispatch, pollInterval, leaseDuration, connectTimeout, requestTimeout, retry, circuitBreaker, webhooks,
                DeadLetter.defaults(), List.of());
    }

    /** The same settings with another dead-letter policy. */
    public OutboxProperties withDeadLetter(DeadLetter policy) {
        return new OutboxProperties(dispatch, pollInterval, leaseDuration, connectTimeout, requestTimeout, retry,
                circuitBreaker, webhooks, policy, kafkaTypes);
    }

    /** The Kafka relay's types: the hub's own events and {@code kafka-types}. */
    public List<String> kafkaDelivered() {
        List<String> all = new java.util.ArrayList<>(OUTBOUND_TYPES);
        kafkaTypes.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return List.copyOf(all);
    }

    /** True when a subscriber (a webhook or the Kafka relay) takes accepted events of this inbound type. */
    public boolean routesInbound(String type) {
        return !OUTBOUND_TYPES.contains(type) && (kafkaTypes.contains(type)
                || webhooks.stream().anyMatch(w -> w.types().contains(type)));
    }

    /**
     * Checks every named type that is not one of the hub's own events against the types the hub
     * accepts ({@code known}, the catalog); names the first that is neither.
     */
    public void requireKnownTypes(java.util.function.Predicate<String> known) {
        for (Webhook webhook : webhooks) {
            for (String type : webhook.types()) {
                if (!OUTBOUND_TYPES.contains(type) && !known.test(type)) {
                    throw new IllegalArgumentException("millrace.outbox.webhooks[" + webhook.name() + "].types: '"
                            + type + "' is neither an event the hub publishes " + OUTBOUND_TYPES
                            + " nor an event type of the catalog");
                }
            }
        }
        for (String type : kafkaTypes) {
            if (!known.test(type)) {
                throw new IllegalArgumentException("millrace.outbox.kafka-types: '" + type
                        + "' is not an event type of the catalog");
            }
        }
    }

    private static String typeName(String type, String property) {
        if (type == null || !type.matches("[A-Za-z0-9]+([.-][A-Za-z0-9]+)+")) {
            throw new IllegalArgumentException(property + ": '" + type + "' is not an event type name");
        }
        return type;
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
     * When a message that keeps failing with one subscriber is set aside (a dead letter, shown as a
     * delivery exception and retried by an operator), so that the messages behind it go on.
     * Refused ones (an HTTP 4xx other than 408 and 429, a record Kafka will never take) after
     * {@code refusedAttempts} attempts; other failures that are not the subscriber being unreachable
     * (other 5xx answers, errors) after {@code maxAttempts} attempts or once the message has been
     * failing for {@code maxTime}. A subscriber that cannot be reached (connection refused,
     * timeouts, 408, 429, 502, 503, 504) is waited for without bound: nothing is wrong with the messages.
     */
    public record DeadLetter(@DefaultValue("3") int refusedAttempts, @DefaultValue("50") int maxAttempts,
                             @DefaultValue("1h") Duration maxTime) {
        public DeadLetter {
            if (refusedAttempts < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("millrace.outbox.dead-letter.refused-attempts and max-attempts"
                        + " must be at least 1, were " + refusedAttempts + " and " + maxAttempts);
            }
            positive(maxTime, "dead-letter.max-time");
        }

        public static DeadLetter defaults() {
            return new DeadLetter(3, 50, Duration.ofHours(1));
        }
    }

    /**
     * A subscriber: messages of {@code types} (every event the hub publishes when empty; accepted
     * inbound event types only when named) are POSTed to {@code url} as
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
                typeName(type, "millrace.outbox.webhooks[" + name + "].types");
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
            return types.isEmpty() ? OUTBOUND_TYPES.contains(type) : types.contains(type);
        }

        /** The types it is sent: those named, or every event the hub publishes. */
        public List<String> delivered() {
            return types.isEmpty() ? OUTBOUND_TYPES : types;
        }

        @Override
        public String toString() {
            return "Webhook[" + name + " " + url + " types=" + types + " batchSize=" + batchSize
                    + (secret == null ? "" : " signed") + "]";
        }
    }
}
