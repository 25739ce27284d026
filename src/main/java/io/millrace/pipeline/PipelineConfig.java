package io.millrace.pipeline;

import io.millrace.eventlog.EventTracing;
import io.millrace.audit.AuditTrail;
import io.millrace.accounting.master.MasterData;
import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.catalog.EventCatalog;
import io.millrace.eventlog.AppendSignal;
import io.millrace.eventlog.EventLog;
import io.millrace.ledger.BooksStore;
import io.millrace.ledger.LedgerQueries;
import io.millrace.ledger.PostingEngines;
import io.millrace.masterdata.MasterDataChanged;
import io.millrace.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the pipeline. Properties: {@code millrace.pipeline.park-window} (default 10m; set by
 * {@code serve --park-window}), {@code millrace.pipeline.batch-size} (events per transaction,
 * default 500), {@code millrace.pipeline.poll-interval} (default 200ms) and
 * {@code millrace.pipeline.enabled} (default true: the background applier runs). Without Kafka one
 * {@link Processor} applies the whole log, or with {@code millrace.pipeline.lanes} above one
 * {@link LocalLanes} apply it in that many lanes by plant; with {@code millrace.kafka.bootstrap} a
 * {@link PartitionProcessor} applies the partitions the consumer group gives this instance.
 */
@Configuration(proxyBeanMethods = false)
public class PipelineConfig {

    static final String PARTITIONED = "!'${millrace.kafka.bootstrap:}'.isBlank()";
    static final String SINGLE_LANE = "'${millrace.kafka.bootstrap:}'.isBlank() and ${millrace.pipeline.lanes:1} <= 1";
    static final String LOCAL_LANES = "'${millrace.kafka.bootstrap:}'.isBlank() and ${millrace.pipeline.lanes:1} > 1";

    @Bean
    PipelineSettings pipelineSettings(@Value("${millrace.pipeline.park-window:10m}") Duration parkWindow,
                                      @Value("${millrace.pipeline.batch-size:500}") int batchSize,
                                      @Value("${millrace.pipeline.poll-interval:200ms}") Duration pollInterval,
                                      @Value("${millrace.pipeline.enabled:true}") boolean enabled) {
        return new PipelineSettings(parkWindow, batchSize, pollInterval, enabled);
    }

    @Bean
    PipelineStore pipelineStore(DataSource dataSource) {
        return new PipelineStore(dataSource);
    }

    @Bean
    Publications publications(Outbox outbox) {
        return new OutboxPublications(outbox);
    }

    @Bean
    PipelineMetrics pipelineMetrics(MeterRegistry registry, EventLog log, MasterData masterData) {
        return new PipelineMetrics(registry, log, plant -> masterData.plant(plant).isPresent());
    }

    @Bean
    @ConditionalOnExpression(SINGLE_LANE)
    Processor processor(ObjectProvider<PlatformTransactionManager> transactionManager, DataSource dataSource,
                        BooksStore books, PostingEngines engines, EventLog log, PipelineStore store,
                        Publications publications, PipelineMetrics metrics, ObjectProvider<Clock> clock,
                        PipelineSettings settings, EventCatalog catalog, ObjectProvider<EventTracing> tracing) {
        PlatformTransactionManager manager = transactionManager.getIfAvailable(
                () -> new DataSourceTransactionManager(dataSource));
        return new Processor(new TransactionTemplate(manager), books, engines, log, store, publications, metrics,
                clock.getIfAvailable(Clock::systemUTC), settings, catalog, tracing.getIfAvailable(() -> EventTracing.NONE));
    }

    @Bean
    @ConditionalOnExpression(SINGLE_LANE)
    ProcessorRunner processorRunner(Processor processor, AppendSignal appended, PipelineSettings settings) {
        return new ProcessorRunner(processor, appended, settings);
    }

    /**
     * Without Kafka and with {@code millrace.pipeline.lanes} above one, plants are applied in that
     * many lanes of this instance, each a thread (ADR 0020).
     */
    @Bean
    @ConditionalOnExpression(LOCAL_LANES)
    LocalLanes localLanes(ObjectProvider<PlatformTransactionManager> transactionManager, DataSource dataSource,
                          BooksStore books, PostingEngines engines, EventLog log, PipelineStore store,
                          Publications publications, PipelineMetrics metrics, ObjectProvider<Clock> clock,
                          PipelineSettings settings, @Value("${millrace.pipeline.lanes:1}") int lanes,
                          AppendSignal appended, EventCatalog catalog, ObjectProvider<EventTracing> tracing) {
        PlatformTransactionManager manager = transactionManager.getIfAvailable(
                () -> new DataSourceTransactionManager(dataSource));
        Partitioning partitioning = LocalLanes.partitioning(lanes);
        PartitionRows rows = new PartitionRows(dataSource, partitioning.topic());
        List<PartitionProcessor> processors = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            processors.add(new PartitionProcessor(new TransactionTemplate(manager), books, engines, log, store, rows,
                    publications, metrics, clock.getIfAvailable(Clock::systemUTC), settings, partitioning,
                    Duration.ZERO, catalog, tracing.getIfAvailable(() -> EventTracing.NONE)));
        }
        return new LocalLanes(processors, partitioning, log, store, appended, settings);
    }

    /** With Kafka, instances share the events topic's partitions and apply each its own (ADR 0005). */
    @Bean
    @ConditionalOnExpression(PARTITIONED)
    PartitionProcessor partitionProcessor(ObjectProvider<PlatformTransactionManager> transactionManager,
                                          DataSource dataSource, BooksStore books, PostingEngines engines, EventLog log,
                                          PipelineStore store, Publications publications, PipelineMetrics metrics,
                                          ObjectProvider<Clock> clock, PipelineSettings settings,
                                          Partitioning partitioning,
                                          @Value("${millrace.kafka.send-timeout:30s}") Duration sendTimeout,
                                          EventCatalog catalog, ObjectProvider<EventTracing> tracing) {
        PlatformTransactionManager manager = transactionManager.getIfAvailable(
                () -> new DataSourceTransactionManager(dataSource));
        return new PartitionProcessor(new TransactionTemplate(manager), books, engines, log, store,
                new PartitionRows(dataSource, partitioning.topic()), publications, metrics,
                clock.getIfAvailable(Clock::systemUTC), settings, partitioning, sendTimeout.plusSeconds(5),
                catalog, tracing.getIfAvailable(() -> EventTracing.NONE));
    }

    /**
     * Receipts of transfers between plants, for the receiving plant's lane (ADR 0019), looked for
     * after every applying commit.
     */
    @Bean
    TransitReceipts transitReceipts(DataSource dataSource, EventLog log, PipelineSettings settings, Outbox outbox) {
        TransitReceipts receipts = new TransitReceipts(dataSource, log, settings);
        outbox.onCommit(receipts::wake);
        return receipts;
    }

    /** The receipt of a transfer between plants, in the transfer's lineage. */
    @Bean
    LineageSteps transitLineage(DataSource dataSource) {
        return new TransitLineage(dataSource);
    }

    @Bean
    ExceptionQueue exceptionQueue(Decisions decisions, PipelineStore store, AuditTrail audit) {
        return new ExceptionQueue(decisions, store, audit);
    }

    @Bean
    Lineage lineage(PipelineStore store, LedgerQueries ledger, Publications publications,
                    org.springframework.beans.factory.ObjectProvider<LineageSteps> otherSteps) {
        return new Lineage(store, ledger, publications, otherSteps.orderedStream().toList());
    }

    @Bean
    MasterDataListener pipelineMasterDataListener(PipelineDriver runner) {
        return new MasterDataListener(runner);
    }

    /** Parked events and unknown-reference exceptions are retried after every master-data change. */
    static final class MasterDataListener {
        private final PipelineDriver runner;

        MasterDataListener(PipelineDriver runner) {
            this.runner = runner;
        }

        @EventListener
        void on(MasterDataChanged changed) {
            runner.masterDataChanged();
        }
    }
}
