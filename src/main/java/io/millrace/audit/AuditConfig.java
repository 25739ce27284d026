package io.millrace.audit;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log on the hub's database. */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
        return new AuditLog(new JdbcAuditRecords(jdbc, new TransactionTemplate(transactionManager)),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
