package io.millrace.edge;

import io.millrace.access.CallerArgumentResolver;
import io.millrace.connectivity.file.FileInbox;
import io.millrace.connectivity.mqtt.MqttChannel;
import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the edge agent: the hub line, the catalog and key it learns, the forwarder and the key filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeSettings.class)
class EdgeConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    @Bean
    Clock edgeClock() {
        return Clock.systemUTC();
    }

    @Bean
    HubLink hubLink(EdgeSettings settings) {
        return new HttpHubLink(settings.hub(), settings.key(), settings.requestTimeout());
    }

    @Bean
    HubContact hubContact(Clock clock) {
        return new HubContact(clock);
    }

    @Bean
    EdgeCatalog edgeCatalog(EdgeSettings settings, Clock clock) {
        return EdgeCatalog.open(dataDir(settings), clock);
    }

    @Bean
    HubKey hubKey(EdgeSettings settings) {
        return HubKey.open(dataDir(settings));
    }

    @Bean
    ForwardingStore forwardingStore(JdbcTemplate jdbc, TransactionTemplate tx, EventLog log, Clock clock) {
        return new ForwardingStore(jdbc, tx, log, clock);
    }

    @Bean
    ForwardingLoop forwardingLoop(EventLog log, ForwardingStore store, HubLink hub, HubContact contact,
                                  AppendSignal appended, EdgeSettings settings) {
        Forwarder forwarder = new Forwarder(log, store, hub, contact, settings.batchSize(),
                settings.maxBatchBytes().toBytes());
        return new ForwardingLoop(forwarder, appended, settings.initialBackoff(), settings.maxBackoff());
    }

    @Bean
    EdgeWorkersHealth workers(ForwardingLoop forwarder, ObjectProvider<MqttChannel> mqtt,
                              ObjectProvider<FileInbox> inbox,
                              @Value("${millrace.inbox.poll-interval-ms:500}") long inboxPollMillis) {
        // the same stall rule as the hub's: a poller that has not looked for this long has stopped
        return new EdgeWorkersHealth(forwarder, mqtt, inbox, Duration.ofMillis(Math.max(120_000, 20 * inboxPollMillis)));
    }

    @Bean
    HubSync hubSync(HubLink hub, EdgeCatalog catalog, HubKey key, HubContact contact, EdgeSettings settings) {
        return new HubSync(hub, catalog, key, contact, settings.refreshEvery());
    }

    @Bean
    EdgeReports edgeReports(EventLog log, ForwardingStore store, HubContact contact, EdgeCatalog catalog, HubKey key,
                            EdgeSettings settings, Clock clock) {
        return new EdgeReports(log, store, contact, catalog, key, settings.hub(), clock);
    }

    @Bean
    EdgeMetrics edgeMetrics(EdgeReports reports) {
        return new EdgeMetrics(reports);
    }

    @Bean
    FilterRegistrationBean<EdgeKeyFilter> edgeKeyFilter(EdgeSettings settings, HubKey key) {
        FilterRegistrationBean<EdgeKeyFilter> registration =
                new FilterRegistrationBean<>(new EdgeKeyFilter(settings.key(), key));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("edgeKeyFilter");
        return registration;
    }

    private static java.nio.file.Path dataDir(EdgeSettings settings) {
        try {
            return Files.createDirectories(settings.dataDir());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), ex);
        }
    }
}
