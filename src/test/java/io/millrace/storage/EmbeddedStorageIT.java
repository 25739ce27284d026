package io.millrace.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.testing.HubIntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A hub on its default embedded database writes through {@link SerializedWrites}. */
class EmbeddedStorageIT extends HubIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void theEmbeddedDatabaseAllowsOneWriteTransactionAtATime() throws Exception {
        assertThat(dataSource).isInstanceOf(SerializedWrites.class);
        assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).startsWith("jdbc:h2:file:");
    }

    @Test
    void waitsForTheWriteTurnAreMeasured() {
        assertThat(meters.find("millrace.storage.write.wait").functionTimer()).isNotNull();
    }
}
