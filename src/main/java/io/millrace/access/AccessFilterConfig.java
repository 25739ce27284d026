package io.millrace.access;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the API key filter in front of every request. */
@Configuration(proxyBeanMethods = false)
class AccessFilterConfig {

    @Bean
    CallerCache callerCache(ObjectProvider<Clock> clock) {
        return new CallerCache(clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(30), 10_000);
    }

    /** Console sign-ins are throttled per address apart from API calls, with the same limit. */
    @Bean
    KeySignIn keySignIn(Credentials credentials, ObjectProvider<Clock> clock,
                        @Value("${millrace.access.failed-authentications-per-minute:20}") int failuresPerMinute) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return new KeySignIn(credentials, new AuthenticationFailures(time, failuresPerMinute), time);
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(Credentials credentials, CallerCache cache,
                                                      ObjectProvider<Clock> clock,
                                                      @Value("${millrace.access.failed-authentications-per-minute:20}")
                                                      int failuresPerMinute) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(credentials,
                cache, new RateLimits(), new AuthenticationFailures(time, failuresPerMinute), time));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("apiKeyFilter");
        return registration;
    }
}
