package io.millrace.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.eventlog.EventTracing;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the outbox: {@code millrace.outbox.*} settings ({@link OutboxProperties}) and, unless
 * {@code millrace.outbox.dispatch=false}, the dispatcher that delivers to the webhooks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfig {

    @Bean
    @ConditionalOnProperty(name = "millrace.outbox.dispatch", havingValue = "true", matchIfMissing = true)
    OutboxDispatcher outboxDispatcher(Outbox outbox, OutboxProperties settings, ObjectProvider<Clock> clock,
                                      ObjectProvider<MeterRegistry> meters, ObjectProvider<EventTracing> tracing) {
        return new OutboxDispatcher(outbox, settings, clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable(SimpleMeterRegistry::new), tracing.getIfAvailable(() -> EventTracing.NONE));
    }
}
