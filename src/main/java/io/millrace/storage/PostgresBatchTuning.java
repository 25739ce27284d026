package io.millrace.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets the PostgreSQL driver send a JDBC batch of inserts as multi-row statements
 * ({@code reWriteBatchedInserts}): the event log appends hundreds of rows per request.
 * Applied before the pool opens its first connection; H2 needs nothing.
 */
@Component
class PostgresBatchTuning implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && DatabaseUrls.isPostgres(hikari.getJdbcUrl())) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
