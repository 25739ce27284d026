package io.millrace.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Puts the pool of an embedded H2 database behind {@link SerializedWrites}, so that a hub killed
 * at any moment restarts on consistent books. In-memory databases have nothing to recover and
 * PostgreSQL recovers from its write-ahead log, so both keep concurrent writers.
 */
@Component
class EmbeddedWriteSerialization implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && DatabaseUrls.isEmbeddedFile(hikari.getJdbcUrl())) {
            return new SerializedWrites(hikari);
        }
        return bean;
    }
}
