package io.millrace.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** TEMPORARY SHIM: provides the EventCatalog bean the way the catalog module will. */
@Configuration(proxyBeanMethods = false)
class CatalogShimConfiguration {

    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.loadDefault();
    }
}
