package io.millrace.intake;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeLimits.class)
class IntakeConfiguration {

    @Bean
    EventOrigins eventOrigins(JdbcTemplate jdbc) {
        return new JdbcEventOrigins(jdbc);
    }
}
