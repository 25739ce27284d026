package io.millrace.masterdata;

import io.millrace.audit.AuditTrail;
import io.millrace.web.ApiProblem;
import io.millrace.accounting.master.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a submission all or nothing: in one transaction that holds the version row's lock
 * (so upserts of all hub instances run one at a time against what is stored), validates the
 * whole submission, writes what differs, records each created or updated record with its
 * state before and after in the audit log, and bumps the version. After the commit it refreshes the
 * cache and publishes {@link MasterDataChanged}.
 */
public class MasterDataUpserts {

    private final JdbcMasterDataStore store;
    private final CachedMasterData cache;
    private final TransactionTemplate transactions;
    private final Supplier<StockPresence> stock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private Supplier<StandardCostRevaluations> revaluations = () -> null;

    public MasterDataUpserts(JdbcMasterDataStore store, CachedMasterData cache, TransactionTemplate transactions,
                             Supplier<StockPresence> stock, ApplicationEventPublisher events, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.cache = cache;
        this.transactions = transactions;
        this.stock = stock;
        this.events = events;
    }

    /**
     * Stores a document shaped like the body of {@code PUT /api/v1/master-data}, validated the same
     * way, for modules that take master data from elsewhere (the ERP), on behalf of {@code actor}.
     *
     * @throws ApiProblem 400 listing every error (with JSON pointers into the document); nothing is stored then
     */
    public Map<String, UpsertCounts> upsertDocument(tools.jackson.databind.JsonNode document, String actor) {
        return upsert(JsonSubmissionReader.read(document), actor);
    }

    /** Revalues stock on hand when a standard cost changes, where the ledger supplies the means. */
    public MasterDataUpserts revaluingWith(Supplier<StandardCostRevaluations> revaluing) {
        this.revaluations = revaluing;
        return this;
    }

    /**
     * Stores the submission on behalf of {@code actor}, who is named in the audit log and on any
     * revaluation, and answers the counts per kind present, keyed by the kind's JSON name.
     *
     * @throws ApiProblem 400 listing every error when any rule is broken; nothing is stored then
     */
    Map<String, UpsertCounts> upsert(Submission submission, String actor) {
        StandardCostRevaluations revaluing = revaluations.get();
        boolean[] conversionsChanged = new boolean[1];
        Changes changes = transactions.execute(status -> {
            long version = store.lockVersion();
            MasterDataSnapshot cached = cache.snapshot();
            MasterDataSnapshot stored = cached.version() == version ? cached : store.load();
            if (revaluing == null) {
                SubmissionValidator.validate(submission, stored, stock.get());
            } else {
                SubmissionValidator.validateRevaluing(submission, stored, stock.get());
            }
            if (!submission.errors.isEmpty()) {
                throw ApiProblem.invalid("The master data has " + submission.errors.size()
                        + (submission.errors.size() == 1 ? " error" : " errors") + "; nothing was stored.",
                        submission.errors);
            }
            Changes result = Changes.between(submission, stored);
            if (result.changeAnything()) {
                store.write(result);
            }
            boolean converted = store.writeConversions(submission.conversions);
            if (result.changeAnything() || converted) {
                store.bumpVersion();
                for (Changes.Revision r : result.revisions(stored)) {
                    audit.record(actor, r.before() == null ? "master-data.created" : "master-data.updated",
                            SubmissionValidator.singular(r.kind()).replace(' ', '-') + ":" + r.code(), r.before(),
                            r.after());
                }
                long next = version + 1;
                List<StandardCostRevaluations.CostChange> costChanges = costChanges(submission, stored);
                if (revaluing != null && !costChanges.isEmpty()) {
                    revaluing.revalue(costChanges, actor, "MD-" + next);
                }
            }
            conversionsChanged[0] = converted;
            return result;
        });
        if (conversionsChanged[0] && !changes.changeAnything()) {
            cache.reload();
            events.publishEvent(new MasterDataChanged(Map.of(MasterDataKind.ITEMS, submission.conversions.stream()
                    .map(e -> e.value().item()).collect(java.util.stream.Collectors.toSet()))));
        }
        if (changes.changeAnything()) {
            cache.reload();
            events.publishEvent(changes.changed());
        }
        return changes.counts();
    }

    private static List<StandardCostRevaluations.CostChange> costChanges(Submission submission,
                                                                         MasterDataSnapshot stored) {
        List<StandardCostRevaluations.CostChange> changes = new ArrayList<>();
        for (Entry<Item> entry : submission.items) {
            Item before = stored.items().get(entry.value().code());
            if (before != null && before.standardCost().compareTo(entry.value().standardCost()) != 0) {
                changes.add(new StandardCostRevaluations.CostChange(entry.value(), before.standardCost()));
            }
        }
        return changes;
    }
}
