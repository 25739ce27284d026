package io.millrace.observability;

import io.millrace.outbox.Outbox;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the service-level monitor ({@code millrace.sla.*}, {@link SlaProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class ObservabilityConfig {

    @Bean
    SlaMonitor slaMonitor(DataSource dataSource, Outbox outbox, SlaProperties settings, ObjectProvider<Clock> clock) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new SlaMonitor(new FlowLatencies(jdbc), new SlaBreaches(jdbc), outbox,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), settings,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SlaSchedule slaSchedule(SlaMonitor monitor, SlaProperties settings) {
        return new SlaSchedule(monitor, settings);
    }
}
