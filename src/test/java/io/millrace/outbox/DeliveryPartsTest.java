package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeliveryPartsTest {

    private static StoredMessage message(long position, String data) {
        return new StoredMessage(position, UUID.fromString("00000000-0000-0000-0000-00000000000" + position),
                "mfg.finance.journal.posted", OutboxStore.SOURCE, "E-" + position, "P100", "MO-1",
                UUID.fromString("0190f0a4-7b5e-7c3a-9d41-5a1f2e3b4c5d"), Instant.parse("2026-11-26T08:15:00Z"), data, null);
    }

    @Test
    void singleEventIsAStructuredCloudEventWithTheStoredDataVerbatim() {
        CloudEventBodies.Body body = CloudEventBodies.of(List.of(message(1, "{\"amount\":10.50}")), false);
        String json = new String(body.bytes(), StandardCharsets.UTF_8);
        JsonNode event = OutboxJson.MAPPER.readTree(json);

        assertThat(body.contentType()).isEqualTo("application/cloudevents+json; charset=utf-8");
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("id").asString()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(event.get("source").asString()).isEqualTo("urn:millrace:hub");
        assertThat(event.get("time").asString()).isEqualTo("2026-11-26T08:15:00Z");
        assertThat(event.get("plant").asString()).isEqualTo("P100");
        assertThat(event.get("correlationid").asString()).isEqualTo("MO-1");
        assertThat(event.get("sequence").asString()).isEqualTo("1");
        assertThat(event.get("trackingid").asString()).isEqualTo("0190f0a4-7b5e-7c3a-9d41-5a1f2e3b4c5d");
        assertThat(json).contains("\"data\":{\"amount\":10.50}");
    }

    @Test
    void batchIsAnArrayOfEventsInPositionOrder() {
        CloudEventBodies.Body body = CloudEventBodies.of(List.of(message(1, "{}"), message(2, "[]")), true);
        JsonNode batch = OutboxJson.MAPPER.readTree(body.bytes());

        assertThat(body.contentType()).startsWith("application/cloudevents-batch+json");
        assertThat(batch).hasSize(2);
        assertThat(batch.get(1).get("sequence").asString()).isEqualTo("2");
        assertThat(batch.get(1).get("data").isArray()).isTrue();
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2
        assertThat(Signatures.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void standardWebhooksSignatureMatchesThePublishedExample() {
        // the example of the Standard Webhooks specification and its reference libraries
        assertThat(Signatures.standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(List.of(1, 2, 3, 4, 5, 1000).stream().map(backoff::after).map(Duration::toMillis).toList())
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(backoff.after(0)).isZero();
    }

    @Test
    void settingsRefuseWhatCannotWorkNamingTheProperty() {
        URI url = URI.create("http://127.0.0.1:1/hook");
        assertThatThrownBy(() -> OutboxProperties.Webhook.of("erp", URI.create("ftp://x/y")))
                .hasMessageContaining("millrace.outbox.webhooks[erp].url");
        assertThatThrownBy(() -> OutboxProperties.Webhook.of("a b", url)).hasMessageContaining("name");
        assertThatThrownBy(() -> new OutboxProperties.Webhook("erp", url, List.of(), null, 0))
                .hasMessageContaining("batch-size");
        assertThatThrownBy(() -> OutboxProperties.defaults(List.of(OutboxProperties.Webhook.of("erp", url),
                OutboxProperties.Webhook.of("erp", url)))).hasMessageContaining("webhooks[1].name 'erp'");
        assertThatThrownBy(() -> new OutboxProperties.Retry(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("retry.max-backoff");
        OutboxProperties misspelt = OutboxProperties.defaults(List.of(new OutboxProperties.Webhook("erp", url,
                List.of("mfg.finance.journal.postd"), null, 1)));
        assertThatThrownBy(() -> misspelt.requireKnownTypes(type -> type.equals("mfg.production.order.released")))
                .hasMessageContaining("webhooks[erp].types: 'mfg.finance.journal.postd' is neither an event the hub"
                        + " publishes");
        assertThatThrownBy(() -> new OutboxProperties.Webhook("erp", url, List.of("not a type"), null, 1))
                .hasMessageContaining("'not a type' is not an event type name");
        assertThatThrownBy(() -> new OutboxProperties.DeadLetter(0, 10, Duration.ofMinutes(1)))
                .hasMessageContaining("dead-letter.refused-attempts");
        assertThatThrownBy(() -> new OutboxProperties.CircuitBreaker(0, Duration.ofSeconds(1)))
                .hasMessageContaining("failure-threshold");
    }

    @Test
    void inboundTypesGoOnlyToSubscribersThatNameThemAndMustBeInTheCatalog() {
        URI url = URI.create("http://127.0.0.1:1/hook");
        String released = "mfg.production.order.released";
        OutboxProperties.Webhook mes = new OutboxProperties.Webhook("mes", url, List.of(released), null, 1);
        OutboxProperties settings = OutboxProperties.defaults(List.of(OutboxProperties.Webhook.of("all", url), mes));
        assertThat(settings.routesInbound(released)).isTrue();
        assertThat(settings.routesInbound("mfg.goods.received")).isFalse();
        assertThat(OutboxProperties.Webhook.of("all", url).accepts(released)).isFalse();
        assertThat(mes.accepts(released)).isTrue();
        assertThat(mes.accepts("mfg.finance.journal.posted")).isFalse();
        settings.requireKnownTypes(released::equals);
        assertThatThrownBy(() -> settings.requireKnownTypes(type -> false)).hasMessageContaining("webhooks[mes]");
    }

    @Test
    void aSubscriberThatCannotBeReachedIsWaitedForWhileRefusalsAndOtherFailuresAreSetAsideInTime() {
        assertThat(List.of(408, 429, 502, 503, 504).stream().map(WebhookClient.DeliveryFailure.Kind::ofStatus))
                .containsOnly(WebhookClient.DeliveryFailure.Kind.UNAVAILABLE);
        assertThat(List.of(400, 401, 404, 409, 422).stream().map(WebhookClient.DeliveryFailure.Kind::ofStatus))
                .containsOnly(WebhookClient.DeliveryFailure.Kind.REFUSED);
        assertThat(List.of(500, 501, 507, 302).stream().map(WebhookClient.DeliveryFailure.Kind::ofStatus))
                .containsOnly(WebhookClient.DeliveryFailure.Kind.FAILED);
        java.time.Instant now = java.time.Instant.parse("2026-12-03T08:00:00Z");
        DeadLetterHandling policy = new DeadLetterHandling(null, "erp", new OutboxProperties.DeadLetter(3, 10,
                Duration.ofMinutes(30)), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        assertThat(policy.due(WebhookClient.DeliveryFailure.Kind.UNAVAILABLE, 10_000, now.minusSeconds(86_400)))
                .isFalse();
        assertThat(policy.due(WebhookClient.DeliveryFailure.Kind.REFUSED, 2, now)).isFalse();
        assertThat(policy.due(WebhookClient.DeliveryFailure.Kind.REFUSED, 3, now)).isTrue();
        assertThat(policy.due(WebhookClient.DeliveryFailure.Kind.FAILED, 9, now.minusSeconds(60))).isFalse();
        assertThat(policy.due(WebhookClient.DeliveryFailure.Kind.FAILED, 10, now)).isTrue();
        assertThat(policy.due(WebhookClient.DeliveryFailure.Kind.FAILED, 2, now.minus(Duration.ofMinutes(30))))
                .isTrue();
    }

    @Test
    void kafkaThatIsAwayIsWaitedForWhileARecordItWillNeverTakeIsARefusal() {
        assertThat(KafkaOutboundRelay.failure(new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.RecordTooLargeException("too large"))).kind())
                .isEqualTo(WebhookClient.DeliveryFailure.Kind.REFUSED);
        assertThat(KafkaOutboundRelay.failure(new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.TimeoutException("no broker"))).kind())
                .isEqualTo(WebhookClient.DeliveryFailure.Kind.UNAVAILABLE);
        assertThat(KafkaOutboundRelay.failure(new java.util.concurrent.TimeoutException()).kind())
                .isEqualTo(WebhookClient.DeliveryFailure.Kind.UNAVAILABLE);
    }

    @Test
    void webhookWithoutTypesTakesEveryTypeAndWithTypesOnlyThose() {
        URI url = URI.create("http://127.0.0.1:1/hook");
        assertThat(OutboxProperties.Webhook.of("all", url).accepts("mfg.finance.invoice.issued")).isTrue();
        OutboxProperties.Webhook journals = new OutboxProperties.Webhook("gl", url,
                List.of("mfg.finance.journal.posted"), "s3cret", 1);
        assertThat(journals.accepts("mfg.finance.journal.posted")).isTrue();
        assertThat(journals.accepts("mfg.finance.invoice.issued")).isFalse();
        assertThat(journals.toString()).doesNotContain("s3cret");
    }
}
