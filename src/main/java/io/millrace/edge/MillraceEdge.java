package io.millrace.edge;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The edge agent application: the hub's intake, event log, storage and problem handling, without
 * the pipeline, the books, master data, the outbox or key management, plus this module and the
 * plant channels ({@code io.millrace.connectivity}: bindings from files, HTTP ingest, MQTT and the
 * file inbox), which hand their events to the same intake and so to the forwarder. Kafka is the
 * hub's backbone, never the edge's: its adapters are left out whatever the environment says.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@ComponentScan(basePackages = {"io.millrace.edge", "io.millrace.intake", "io.millrace.tracking", "io.millrace.eventlog",
        "io.millrace.storage", "io.millrace.web", "io.millrace.connectivity"},
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.millrace\\.[a-z]+\\.kafka\\..*"),
            // bindings come from files at the plant (--bindings-dir); managing them is the hub's admin API
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.millrace\\.connectivity\\.BindingsController")})
public class MillraceEdge {
}
