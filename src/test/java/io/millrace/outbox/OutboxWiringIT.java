package io.millrace.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.millrace.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/** The outbox as Spring wires it: settings bound from properties, enqueue inside a Spring-managed transaction. */
class OutboxWiringIT {

    private TestDatabase db;
    private Receiver receiver;
    private ApplicationContextRunner runner;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.H2);
        receiver = new Receiver();
        runner = new ApplicationContextRunner()
                .withBean(DataSource.class, db::dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(db.dataSource()))
                .withUserConfiguration(OutboxConfig.class, Outbox.class)
                .withPropertyValues("millrace.outbox.poll-interval=50ms",
                        "millrace.outbox.retry.initial-backoff=20ms", "millrace.outbox.retry.max-backoff=200ms",
                        "millrace.outbox.circuit-breaker.failure-threshold=2",
                        "millrace.outbox.webhooks[0].name=erp", "millrace.outbox.webhooks[0].url=" + receiver.url(),
                        "millrace.outbox.webhooks[0].types=mfg.finance.journal.posted,mfg.finance.invoice.issued",
                        "millrace.outbox.webhooks[0].secret=s3cret");
    }

    @AfterEach
    void stop() {
        receiver.close();
        db.close();
    }

    private static OutboxMessage journal(String subject, UUID tracking) {
        return new OutboxMessage("mfg.finance.journal.posted", subject, "P100", null, tracking,
                JsonNodeFactory.instance.objectNode());
    }

    @Test
    void bindsTheSettingsAndDeliversOnlyWhatTheSpringTransactionCommitted() {
        runner.run(context -> {
            OutboxProperties settings = context.getBean(OutboxProperties.class);
            assertThat(settings.webhooks()).singleElement().satisfies(w -> {
                assertThat(w.types()).containsExactly("mfg.finance.journal.posted", "mfg.finance.invoice.issued");
                assertThat(w.secret()).isEqualTo("s3cret");
                assertThat(w.batchSize()).isEqualTo(1);
            });
            assertThat(settings.retry().maxBackoff()).isEqualTo(Duration.ofMillis(200));
            assertThat(settings.circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(context.getBean(OutboxDispatcher.class).isRunning()).isTrue();
            Outbox outbox = context.getBean(Outbox.class);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            UUID tracking = UUID.randomUUID();

            tx.executeWithoutResult(status -> {
                outbox.enqueue(List.of(journal("rolled-back", tracking)));
                status.setRollbackOnly();
            });
            tx.executeWithoutResult(status -> outbox.enqueue(List.of(journal("committed", tracking))));

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.subjects().contains("committed"));
            assertThat(receiver.subjects()).containsExactly("committed");
            assertThat(receiver.requests().get(0).signature()).isEqualTo(
                    Signatures.sign("s3cret", receiver.requests().get(0).body()));
            assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT COUNT(*) FROM outbox_message",
                    Long.class)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.forEvent(tracking).get(0).deliveries().get(0)
                    .status() == DeliveryStatus.DELIVERED);
        });
    }

    @Test
    void dispatchOffWritesMessagesButStartsNoDelivery() {
        runner.withPropertyValues("millrace.outbox.dispatch=false").run(context -> {
            assertThat(context).hasSingleBean(Outbox.class).doesNotHaveBean(OutboxDispatcher.class);
        });
    }

    @Test
    void anUnusableWebhookStopsTheStartWithThePropertyNamed() {
        runner.withPropertyValues("millrace.outbox.webhooks[0].url=ftp://example.org/in").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("millrace.outbox.webhooks[erp].url"));
    }
}
