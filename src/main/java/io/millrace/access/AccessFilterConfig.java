package io.millrace.access;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the API key filter in front of every request. */
@Configuration(proxyBeanMethods = false)
class AccessFilterConfig {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(Credentials credentials, ObjectProvider<Clock> clock) {
        CallerCache cache = new CallerCache(clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(30), 10_000);
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(credentials, cache, new RateLimits()));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("apiKeyFilter");
        return registration;
    }
}
