package io.millrace.connectivity;

import io.millrace.catalog.EventCatalog;
import io.millrace.intake.EventIntake;
import io.millrace.masterdata.ItemUnits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires bindings, the mapping entry point and the HTTP channel; the MQTT and file channels wire themselves. */
@Configuration(proxyBeanMethods = false)
class ConnectivityConfiguration {

    @Bean
    Bindings bindings(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new JdbcBindings(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    LiveBindings liveBindings(Bindings bindings) {
        LiveBindings live = new LiveBindings(bindings);
        live.refresh();
        return live;
    }

    @Bean
    BindingRefresh bindingRefresh(LiveBindings live) {
        return new BindingRefresh(live);
    }

    @Bean
    BindingReader bindingReader(EventCatalog catalog) {
        return new BindingReader(catalog);
    }

    @Bean
    BindingIntake bindingIntake(ItemUnits units, EventIntake intake, EventCatalog catalog) {
        return new BindingIntake(new MessageMapper(new QuantityConversion(units)), intake, catalog);
    }

    /** Picks up bindings another instance changed. */
    static final class BindingRefresh {
        private final LiveBindings live;

        BindingRefresh(LiveBindings live) {
            this.live = live;
        }

        @Scheduled(fixedDelayString = "${millrace.bindings.poll-interval-ms:2000}")
        void poll() {
            try {
                live.refresh();
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger(BindingRefresh.class).warn("bindings not refreshed: {}", ex.toString());
            }
        }
    }
}
