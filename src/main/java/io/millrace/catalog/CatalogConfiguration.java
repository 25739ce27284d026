package io.millrace.catalog;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the catalog once; intake, the pipeline and the catalog endpoints share it. By default the
 * shipped one; {@code millrace.catalog.dir} names a directory with an organisation's own catalog
 * of the same layout. A catalog that fails its checks stops the start with the reason.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    public EventCatalog eventCatalog(@Value("${millrace.catalog.dir:}") String directory) {
        return directory.isBlank() ? EventCatalog.loadDefault() : EventCatalog.load(Path.of(directory));
    }

    /** The hub validates against the catalog it ships, for as long as it runs. */
    @Bean
    public ActiveCatalog activeCatalog(EventCatalog eventCatalog) {
        return () -> eventCatalog;
    }
}
