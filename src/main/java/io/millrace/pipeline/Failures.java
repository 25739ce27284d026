package io.millrace.pipeline;

import io.millrace.eventlog.EventLogFailure;
import io.millrace.ledger.BooksStorageException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/** Sorts failures of an applying transaction: storage (roll back and retry) or a poison event. */
final class Failures {

    private Failures() {
    }

    /** The database failed or refused: the transaction must roll back; the events are not at fault (yet). */
    static boolean isStorage(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BooksStorageException || t instanceof DataAccessException || t instanceof EventLogFailure
                    || t instanceof SQLException || t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A conflict with a concurrent transaction or a lost connection: running the same batch again
     * is expected to succeed, so it never counts against the events.
     */
    static boolean isTransient(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BooksStorageException b && b.retryable()
                    || t instanceof TransientDataAccessException || t instanceof PessimisticLockingFailureException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40")
                    || sql.getSQLState().equals("55P03") || sql.getSQLState().equals("HYT00"))) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
