package io.millrace.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The persisted books. {@link #begin()} opens a {@link UnitOfWork} on the connection of the
 * current Spring-managed transaction and flushes it just before that transaction commits, so the
 * pipeline's own writes (event states, outbox) and the books commit or roll back together.
 */
public class BooksStore {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public BooksStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The unit of work of the current transaction (there must be one, e.g. inside
     * {@code TransactionTemplate.execute}): created on the first call, the same unit on later
     * calls in that transaction. It is flushed automatically before commit; call
     * {@link UnitOfWork#flush()} earlier to see write errors where they happen.
     */
    public UnitOfWork begin() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the books are written only inside a transaction");
        }
        UnitOfWork bound = (UnitOfWork) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        UnitOfWork unit = UnitOfWork.begin(connection);
        TransactionSynchronizationManager.bindResource(this, unit);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (unit.hasPendingWrites()) {
                    unit.flush();
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(BooksStore.this);
            }
        });
        return unit;
    }

    /**
     * True when any plant holds a non-zero quantity of the item, in any status: the master-data
     * module refuses to change the standard cost or valuation class of such an item.
     */
    public boolean hasStock(String item) {
        return Boolean.TRUE.equals(jdbc.query("SELECT 1 FROM ledger_plant_stock WHERE item = ? AND quantity <> 0 "
                + "FETCH FIRST 1 ROWS ONLY", (ResultSetExtractor<Boolean>) ResultSet::next, item));
    }
}
