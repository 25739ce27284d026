package io.millrace.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the shipped catalog once; intake and the catalog endpoint share it. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    public EventCatalog eventCatalog() {
        return EventCatalog.loadDefault();
    }
}
