package io.millrace.erp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.audit.AuditTrail;
import io.millrace.erp.tryton.TrytonClient;
import io.millrace.erp.tryton.TrytonErp;
import io.millrace.eventlog.EventTracing;
import io.millrace.intake.EventIntake;
import io.millrace.ledger.LedgerQueries;
import io.millrace.masterdata.MasterDataUpserts;
import io.millrace.observability.Outages;
import io.millrace.outbox.Outbox;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the ERP connection when {@code millrace.erp.kind} names one ({@code --erp tryton}); without
 * it the hub runs as before and {@code /api/v1/erp} answers 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ErpProperties.class)
@ConditionalOnExpression("!'${millrace.erp.kind:none}'.trim().equalsIgnoreCase('none')")
class ErpConfig {

    @Bean
    Erp erp(ErpProperties settings) {
        TrytonClient client = new TrytonClient(settings.url(), settings.user(),
                settings.password() == null ? "" : settings.password(), settings.connectTimeout(),
                settings.requestTimeout());
        return new TrytonErp(client, settings.journal(), settings.mapping().reference());
    }

    @Bean
    ErpDeliveries erpDeliveries(DataSource dataSource) {
        return new ErpDeliveries(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Bean
    ErpConnector erpConnector(Erp erp, ErpDeliveries deliveries, ErpProperties settings, Outbox outbox,
                              MasterDataUpserts upserts, EventIntake intake, ObjectProvider<Clock> clock,
                              ObjectProvider<MeterRegistry> meters, ObjectProvider<Outages> outages,
                              ObjectProvider<EventTracing> tracing) {
        ErpConnector connector = new ErpConnector(erp, deliveries, settings, outbox, upserts, intake,
                clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable(SimpleMeterRegistry::new),
                tracing.getIfAvailable(() -> EventTracing.NONE));
        outages.ifAvailable(connector::noteOutagesIn);
        return connector;
    }

    @Bean
    ErpReconciliation erpReconciliation(Erp erp, LedgerQueries ledger, ErpDeliveries deliveries,
                                        ErpProperties settings) {
        return new ErpReconciliation(erp, ledger, deliveries, settings);
    }

    @Bean
    ErpDeliveryExceptions erpDeliveryExceptions(ErpDeliveries deliveries, Erp erp, AuditTrail audit,
                                                ObjectProvider<Clock> clock) {
        return new ErpDeliveryExceptions(deliveries, erp.name(), audit, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ErpLineage erpLineage(ErpDeliveries deliveries, Erp erp) {
        return new ErpLineage(deliveries, erp.name());
    }
}
