package io.millrace.eventlog.jdbc;

import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.EventLog;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the JDBC event log on the hub's database. */
@Configuration(proxyBeanMethods = false)
class EventLogConfiguration {

    @Bean
    AppendSignal appendSignal() {
        return new AppendSignal();
    }

    /** The embedded default; with {@code millrace.kafka.bootstrap} set, the Kafka adapter replaces it. */
    @Bean
    @ConditionalOnExpression("'${millrace.kafka.bootstrap:}'.isBlank()")
    EventLog eventLog(DataSource dataSource, ObjectProvider<Clock> clock, AppendSignal appended) {
        return new JdbcEventLog(dataSource, clock.getIfAvailable(Clock::systemUTC), appended);
    }
}
