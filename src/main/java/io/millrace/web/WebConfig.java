package io.millrace.web;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the {@link ResponseGuard} outside every other filter. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    @Bean
    FilterRegistrationBean<ResponseGuard> responseGuard() {
        FilterRegistrationBean<ResponseGuard> registration = new FilterRegistrationBean<>(new ResponseGuard());
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("responseGuard");
        return registration;
    }
}
