package io.millrace.connectivity;

import io.millrace.catalog.ActiveCatalog;
import io.millrace.intake.EventIntake;
import io.millrace.masterdata.ItemUnits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires bindings, the mapping entry point and the HTTP channel; the MQTT and file channels wire
 * themselves. The same wiring runs in the hub and in a plant edge agent: mappings are checked
 * against the catalog in use ({@link ActiveCatalog}), and {@code millrace.bindings.dir} takes
 * bindings from files, which is how an edge agent, without an admin API, gets them.
 */
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
    BindingReader bindingReader(ActiveCatalog catalog) {
        return new BindingReader(catalog);
    }

    @Bean
    BindingIntake bindingIntake(ObjectProvider<ItemUnits> units, EventIntake intake, ActiveCatalog catalog) {
        // an edge agent holds no master data: it knows no item's units, so it converts nothing and the
        // hub refuses a quantity that is not in its item's base unit (UOM_NOT_BASE_UNIT) as always
        ItemUnits known = units.getIfAvailable(() -> item -> Optional.empty());
        return new BindingIntake(new MessageMapper(new QuantityConversion(known)), intake, catalog);
    }

    @Bean
    @ConditionalOnExpression("!'${millrace.bindings.dir:}'.isBlank()")
    BindingFolder bindingFolder(@Value("${millrace.bindings.dir}") String dir, Bindings bindings, LiveBindings live,
                                BindingReader reader, ObjectProvider<Clock> clock) {
        BindingFolder folder = new BindingFolder(Path.of(dir), bindings, live, reader,
                clock.getIfAvailable(Clock::systemUTC));
        folder.sync();
        return folder;
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
