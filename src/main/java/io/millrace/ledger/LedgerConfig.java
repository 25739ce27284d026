package io.millrace.ledger;

import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.masterdata.StockPresence;
import java.math.BigDecimal;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the accounting core into the hub. Properties: {@code millrace.posting.price-tolerance}
 * (relative, default 0.05), {@code millrace.posting.output-tax-rate} (e.g. 0.19; empty for no tax,
 * the default) and {@code millrace.posting.period-zone} (default UTC).
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfig {

    @Bean
    PostingSettings postingSettings(@Value("${millrace.posting.price-tolerance:0.05}") String priceTolerance,
                                    @Value("${millrace.posting.output-tax-rate:}") String outputTaxRate,
                                    @Value("${millrace.posting.period-zone:UTC}") String periodZone,
                                    @Value("${millrace.posting.company-currency:EUR}") String companyCurrency) {
        if (!companyCurrency.trim().matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("millrace.posting.company-currency must be an ISO 4217 code such as "
                    + "EUR, not '" + companyCurrency + "'");
        }
        PostingSettings settings = PostingSettings.defaults()
                .withPriceTolerance(decimal("millrace.posting.price-tolerance", priceTolerance));
        if (!outputTaxRate.isBlank()) {
            settings = settings.withOutputTaxRate(decimal("millrace.posting.output-tax-rate", outputTaxRate));
        }
        return new PostingSettings(settings.chart(), settings.accounts(), settings.priceTolerance(),
                settings.outputTaxRate(), ZoneId.of(periodZone.trim()), companyCurrency.trim());
    }

    private static BigDecimal decimal(String property, String value) {
        try {
            BigDecimal parsed = new BigDecimal(value.trim());
            if (parsed.signum() < 0) {
                throw new IllegalArgumentException(property + " must not be negative: " + value);
            }
            return parsed;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(property + " must be a decimal number such as 0.05, not '" + value
                    + "'", ex);
        }
    }

    @Bean
    BooksStore booksStore(DataSource dataSource) {
        return new BooksStore(dataSource);
    }

    /** Lets the master-data module refuse cost changes of items that are in stock. */
    @Bean
    StockPresence stockPresence(BooksStore store) {
        return store::hasStock;
    }

    /** Lets the master-data module change the standard cost of items in stock: the stock is revalued. */
    @Bean
    LedgerRevaluations ledgerRevaluations(BooksStore store, DataSource dataSource, PostingSettings settings,
                                          org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        return new LedgerRevaluations(store, dataSource, settings, clock.getIfAvailable(java.time.Clock::systemUTC));
    }

    @Bean
    PostingEngines postingEngines(MasterData masterData, PostingSettings settings) {
        return new PostingEngines(masterData, settings);
    }

    @Bean
    PeriodClosing periodClosing(BooksStore store, LedgerQueries queries,
                                org.springframework.transaction.PlatformTransactionManager transactionManager,
                                org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock,
                                io.millrace.audit.AuditTrail audit,
                                org.springframework.beans.factory.ObjectProvider<PeriodReadinessCheck> readinessChecks) {
        return new PeriodClosing(store, queries,
                new org.springframework.transaction.support.TransactionTemplate(transactionManager),
                clock.getIfAvailable(java.time.Clock::systemUTC), audit, readinessChecks);
    }

    @Bean
    LedgerQueries ledgerQueries(DataSource dataSource) {
        return new LedgerQueries(dataSource);
    }
}
