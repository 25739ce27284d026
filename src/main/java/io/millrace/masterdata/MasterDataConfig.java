package io.millrace.masterdata;

import io.millrace.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the module. The {@link StockPresence} is the ledger's bean when there is one, else
 * {@link StockPresence#none()}. {@code millrace.master-data.poll-interval-ms} (default 1000)
 * is how often the version counter is checked for changes made by other hub instances.
 */
@Configuration(proxyBeanMethods = false)
class MasterDataConfig {

    @Bean
    JdbcMasterDataStore jdbcMasterDataStore(JdbcTemplate jdbc) {
        return new JdbcMasterDataStore(jdbc);
    }

    @Bean
    CachedMasterData cachedMasterData(JdbcMasterDataStore store, ApplicationEventPublisher events) {
        return new CachedMasterData(store, events);
    }

    @Bean
    MasterDataUpserts masterDataUpserts(JdbcMasterDataStore store, CachedMasterData cache,
                                        PlatformTransactionManager transactionManager,
                                        ObjectProvider<StockPresence> stock, ApplicationEventPublisher events,
                                        AuditTrail audit, ObjectProvider<StandardCostRevaluations> revaluations) {
        return new MasterDataUpserts(store, cache, new TransactionTemplate(transactionManager),
                () -> stock.getIfUnique(StockPresence::none), events, audit).revaluingWith(revaluations::getIfUnique);
    }

    @Bean
    ItemUnits itemUnits(CachedMasterData cache, JdbcTemplate jdbc) {
        return new JdbcItemUnits(cache, jdbc);
    }

    @Bean
    VersionWatch masterDataVersionWatch(CachedMasterData cache) {
        return new VersionWatch(cache);
    }

    /** Polls the version counter so that other instances' upserts become visible here. */
    static final class VersionWatch {

        private static final Logger log = LoggerFactory.getLogger(VersionWatch.class);
        private final CachedMasterData cache;

        VersionWatch(CachedMasterData cache) {
            this.cache = cache;
        }

        @Scheduled(fixedDelayString = "${millrace.master-data.poll-interval-ms:1000}",
                initialDelayString = "${millrace.master-data.poll-interval-ms:1000}")
        void poll() {
            try {
                cache.checkForChanges();
            } catch (RuntimeException ex) {
                log.warn("Could not check master data for changes: {}", ex.getMessage());
            }
        }
    }
}
