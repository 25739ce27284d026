package io.millrace.console;

import io.millrace.access.KeySignIn;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's own stylesheet and script and the htmx and uPlot webjars from the hub
 * itself (no CDN: the policy allows scripts of this origin only), and puts the session filter in
 * front of every console path, after the security headers.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfig implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/**").addResourceLocations("classpath:/console/assets/")
                .setCacheControl(CacheControl.noCache());
        registry.addResourceHandler("/console/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(java.time.Duration.ofDays(7))).resourceChain(true);
    }

    @Bean
    FilterRegistrationBean<ConsoleSessionFilter> consoleSessionFilter(KeySignIn signIn) {
        FilterRegistrationBean<ConsoleSessionFilter> registration =
                new FilterRegistrationBean<>(new ConsoleSessionFilter(signIn));
        registration.addUrlPatterns("/console", "/console/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setName("consoleSessionFilter");
        return registration;
    }
}
