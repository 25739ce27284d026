package io.millrace.console;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's own read models; everything else it shows comes from the other modules' services. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfig {

    @Bean
    FlowStatistics flowStatistics(DataSource dataSource, ObjectProvider<Clock> clock) {
        return new FlowStatistics(dataSource, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    LineageSearch lineageSearch(DataSource dataSource) {
        return new LineageSearch(dataSource);
    }
}
