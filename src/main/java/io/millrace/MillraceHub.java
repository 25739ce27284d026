package io.millrace;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The hub application: every module below {@code io.millrace} contributes its beans.
 * The accounting core carries no Spring annotations and is wired by the ledger module.
 * The scan uses the same exclude filters as {@code @SpringBootApplication}, so that test slices
 * such as {@code @WebMvcTest} load only the web beans they ask for.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
    // the plant edge agent is an application of its own (io.millrace.edge.MillraceEdge)
    @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.millrace\\.edge\\..*")})
public class MillraceHub {
}
