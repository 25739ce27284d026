package io.millrace.masterdata;

import io.millrace.web.ApiProblem;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a submission all or nothing: in one transaction that holds the version row's lock
 * (so upserts of all hub instances run one at a time against what is stored), validates the
 * whole submission, writes what differs and bumps the version. After the commit it refreshes the
 * cache and publishes {@link MasterDataChanged}.
 */
public class MasterDataUpserts {

    private final JdbcMasterDataStore store;
    private final CachedMasterData cache;
    private final TransactionTemplate transactions;
    private final Supplier<StockPresence> stock;
    private final ApplicationEventPublisher events;

    public MasterDataUpserts(JdbcMasterDataStore store, CachedMasterData cache, TransactionTemplate transactions,
                             Supplier<StockPresence> stock, ApplicationEventPublisher events) {
        this.store = store;
        this.cache = cache;
        this.transactions = transactions;
        this.stock = stock;
        this.events = events;
    }

    /**
     * Stores a document shaped like the body of {@code PUT /api/v1/master-data}, validated the same
     * way, for modules that take master data from elsewhere (the ERP).
     *
     * @throws ApiProblem 400 listing every error (with JSON pointers into the document); nothing is stored then
     */
    public Map<String, UpsertCounts> upsertDocument(tools.jackson.databind.JsonNode document) {
        return upsert(JsonSubmissionReader.read(document));
    }

    /**
     * Stores the submission and answers the counts per kind present, keyed by the kind's JSON name.
     *
     * @throws ApiProblem 400 listing every error when any rule is broken; nothing is stored then
     */
    Map<String, UpsertCounts> upsert(Submission submission) {
        Changes changes = transactions.execute(status -> {
            long version = store.lockVersion();
            MasterDataSnapshot cached = cache.snapshot();
            MasterDataSnapshot stored = cached.version() == version ? cached : store.load();
            SubmissionValidator.validate(submission, stored, stock.get());
            if (!submission.errors.isEmpty()) {
                throw ApiProblem.invalid("The master data has " + submission.errors.size()
                        + (submission.errors.size() == 1 ? " error" : " errors") + "; nothing was stored.",
                        submission.errors);
            }
            Changes result = Changes.between(submission, stored);
            if (result.changeAnything()) {
                store.write(result);
                store.bumpVersion();
            }
            return result;
        });
        if (changes.changeAnything()) {
            cache.reload();
            events.publishEvent(changes.changed());
        }
        return changes.counts();
    }
}
