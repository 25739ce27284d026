package io.millrace.edge;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The edge agent application: the hub's intake, event log, storage and problem handling, without
 * the pipeline, the books, master data, the outbox or key management, plus this module. Channels
 * that feed the intake live beside it and join by being listed here. Kafka is the hub's backbone,
 * never the edge's: its adapters are left out whatever the environment says.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"io.millrace.edge", "io.millrace.intake", "io.millrace.tracking", "io.millrace.eventlog",
        "io.millrace.storage", "io.millrace.web"},
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.millrace\\.[a-z]+\\.kafka\\..*")})
public class MillraceEdge {
}
