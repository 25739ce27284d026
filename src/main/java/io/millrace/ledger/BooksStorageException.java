package io.millrace.ledger;

import java.sql.SQLException;
import java.util.Set;

/**
 * The database refused or failed a read or write of the books. The transaction must be rolled
 * back and the unit of work discarded. {@link #retryable()} is true when the failure came from a
 * concurrent transaction (deadlock, serialization failure, lock timeout, a row inserted by
 * another hub instance at the same moment): running the same events again in a new transaction
 * is then expected to succeed.
 */
public class BooksStorageException extends RuntimeException {

    /** SQL states of conflicts with concurrent transactions on PostgreSQL and H2. */
    private static final Set<String> RETRYABLE_STATES = Set.of(
            "40001", // serialization failure (PostgreSQL), deadlock (H2)
            "40P01", // deadlock detected (PostgreSQL)
            "55P03", // lock not available (PostgreSQL)
            "23505", // unique violation: another unit inserted the same key first
            "HYT00"  // lock timeout (H2)
    );

    private final boolean retryable;

    public BooksStorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.retryable = isRetryable(cause);
    }

    public boolean retryable() {
        return retryable;
    }

    static boolean isRetryable(SQLException ex) {
        for (SQLException e = ex; e != null; e = e.getNextException()) {
            if (e.getSQLState() != null && RETRYABLE_STATES.contains(e.getSQLState())) {
                return true;
            }
            if (e.getCause() instanceof SQLException cause && cause != e && isRetryable(cause)) {
                return true;
            }
        }
        return false;
    }
}
