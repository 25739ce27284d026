package io.millrace.cli;

import io.millrace.storage.DatabaseUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operator chose for one hub process, turned into the Spring properties the modules read.
 * {@code dbUrl} empty means the embedded database under {@code dataDir}.
 */
public record HubSettings(int port, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                          String kafkaBootstrap, String adminKey, Duration parkWindow) {

    public boolean embedded() {
        return dbUrl == null || dbUrl.isBlank();
    }

    public String jdbcUrl() {
        return embedded() ? DatabaseUrls.embedded(dataDir) : dbUrl;
    }

    public Map<String, Object> toProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", port);
        props.put("spring.datasource.url", jdbcUrl());
        if (embedded()) {
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
        } else {
            props.put("spring.datasource.username", dbUser == null ? "" : dbUser);
            props.put("spring.datasource.password", dbPassword == null ? "" : dbPassword);
        }
        if (kafkaBootstrap != null && !kafkaBootstrap.isBlank()) {
            props.put("millrace.kafka.bootstrap", kafkaBootstrap);
        }
        if (adminKey != null && !adminKey.isBlank()) {
            props.put("millrace.admin-key", adminKey);
        }
        props.put("millrace.pipeline.park-window", parkWindow.toMillis() + "ms");
        props.put("millrace.data-dir", dataDir.toAbsolutePath().toString());
        return props;
    }
}
