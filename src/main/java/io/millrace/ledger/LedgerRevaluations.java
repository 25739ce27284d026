package io.millrace.ledger;

import io.millrace.accounting.posting.PostingSettings;
import io.millrace.accounting.posting.StandardCostChange;
import io.millrace.accounting.posting.StandardCostRevaluation;
import io.millrace.masterdata.StandardCostRevaluations;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Posts the revaluation of stock on hand in the master-data upsert's transaction. The plant-stock
 * rows of the item are locked first, as every posting of that item does (ADR 0003), so no posting
 * of the item runs between the quantity read here and the commit of the new cost.
 */
class LedgerRevaluations implements StandardCostRevaluations {

    private final BooksStore store;
    private final JdbcTemplate jdbc;
    private final PostingSettings settings;
    private final Clock clock;

    LedgerRevaluations(BooksStore store, DataSource dataSource, PostingSettings settings, Clock clock) {
        this.store = store;
        this.jdbc = new JdbcTemplate(dataSource);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void revalue(List<CostChange> changes, String actor, String changeId) {
        UnitOfWork unit = store.begin();
        StandardCostRevaluation revaluation = new StandardCostRevaluation(unit, settings);
        for (CostChange change : changes) {
            List<String> plants = jdbc.queryForList("SELECT plant FROM ledger_plant_stock WHERE item = ? "
                    + "AND quantity <> 0 ORDER BY plant FOR UPDATE", String.class, change.item().code());
            revaluation.revalue(new StandardCostChange(changeId + "-" + change.item().code(), change.item(),
                    change.previousCost(), actor, clock.instant()), plants);
        }
    }
}
