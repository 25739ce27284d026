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

    /** The hub validates against the catalog it ships, for as long as it runs. */
    @Bean
    public ActiveCatalog activeCatalog(EventCatalog eventCatalog) {
        return () -> eventCatalog;
    }
}
