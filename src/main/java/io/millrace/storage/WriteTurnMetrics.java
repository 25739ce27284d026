package io.millrace.storage;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * {@code millrace_storage_write_wait_seconds}: how often and how long write transactions on the
 * embedded database waited for the one before them (ADR 0006). A rising mean shows a long
 * transaction holding up intake. Nothing is registered on PostgreSQL.
 */
@Component
class WriteTurnMetrics implements MeterBinder {

    private final DataSource dataSource;

    WriteTurnMetrics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SerializedWrites writes = serializedWrites();
        if (writes == null) {
            return;
        }
        FunctionTimer.builder("millrace.storage.write.wait", writes, SerializedWrites::waits,
                        SerializedWrites::waitedNanos, TimeUnit.NANOSECONDS)
                .description("Waits of write transactions on the embedded database for the one before them")
                .register(registry);
    }

    private SerializedWrites serializedWrites() {
        try {
            return dataSource.isWrapperFor(SerializedWrites.class) ? dataSource.unwrap(SerializedWrites.class) : null;
        } catch (SQLException ex) {
            return null;
        }
    }
}
