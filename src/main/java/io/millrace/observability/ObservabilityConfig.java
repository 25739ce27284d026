package io.millrace.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.ledger.LedgerQueries;
import io.millrace.ledger.Reconciliation;
import io.millrace.outbox.Outbox;
import io.millrace.pipeline.PipelineSettings;
import io.millrace.connectivity.file.FileInbox;
import io.millrace.connectivity.mqtt.MqttChannel;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the service-level monitor ({@code millrace.sla.*}, {@link SlaProperties}) and the key
 * figures ({@code millrace.kpi.*}, {@link KpiProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SlaProperties.class, KpiProperties.class})
class ObservabilityConfig {

    /** Work on an event in its trace and log context; without OpenTelemetry only the log context. */
    @Bean
    io.millrace.eventlog.EventTracing eventTracing(
            org.springframework.beans.factory.ObjectProvider<io.opentelemetry.api.OpenTelemetry> openTelemetry) {
        io.opentelemetry.api.OpenTelemetry available = openTelemetry.getIfAvailable();
        return available == null ? io.millrace.eventlog.EventTracing.NONE
                : new io.millrace.eventlog.EventTracing(available);
    }

    @Bean
    SlaMonitor slaMonitor(DataSource dataSource, Outbox outbox, SlaProperties settings, ObjectProvider<Clock> clock) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new SlaMonitor(new FlowLatencies(jdbc), new SlaBreaches(jdbc), outbox,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), settings,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PeriodicTask slaEvaluation(SlaMonitor monitor, SlaProperties settings) {
        return new PeriodicTask("sla", monitor::evaluate, settings.evaluateEvery(), settings.enabled());
    }

    @Bean
    Outages outages(DataSource dataSource, ObjectProvider<Clock> clock) {
        return new Outages(new JdbcTemplate(dataSource), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    KpiQueries kpiQueries(DataSource dataSource, PostingSettings posting, LedgerQueries ledger, MasterData master,
                          KpiProperties settings) {
        return new KpiQueries(new JdbcTemplate(dataSource), posting.accounts(), posting.periodZone(),
                new Reconciliation(ledger, master, posting), settings.linkOutageThreshold());
    }

    @Bean
    PeriodicTask backlogSampling(DataSource dataSource, KpiProperties settings, ObjectProvider<Clock> clock) {
        BacklogSamples samples = new BacklogSamples(new JdbcTemplate(dataSource), clock.getIfAvailable(Clock::systemUTC));
        return new PeriodicTask("backlog-samples", samples::sample, settings.sampleEvery(), true);
    }

    @Bean
    WorkersHealth workers(ListableBeanFactory beans, ObjectProvider<MqttChannel> mqtt, ObjectProvider<FileInbox> inbox,
                          @Value("${millrace.inbox.poll-interval-ms:500}") long inboxPollMillis,
                          ObjectProvider<PipelineSettings> pipeline) {
        // a poll may take a while over a large file; a poller that has not looked for this long has stopped
        Duration stall = Duration.ofMillis(Math.max(120_000, 20 * inboxPollMillis));
        return new WorkersHealth(beans, mqtt, inbox, stall, pipeline);
    }

    @Bean
    KpiGauges kpiGauges(KpiQueries queries, KpiProperties settings, ObjectProvider<Clock> clock,
                        MeterRegistry registry) {
        return new KpiGauges(queries, clock.getIfAvailable(Clock::systemUTC), settings.gaugeWindow(),
                settings.gaugeRefresh(), registry);
    }
}
