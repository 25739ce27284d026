package io.millrace.pipeline;

import io.millrace.eventlog.EventLogFailure;
import io.millrace.ledger.BooksStorageException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The one policy every lane applies to a failed applying transaction. A failure of the machinery
 * (the database, the event log, the JVM) is nobody's event's fault: the transaction rolls back and
 * runs again after a back-off, for as long as it takes, and never turns an event into an
 * exception. Only a failure that follows the events (a bug the core hits on one event's content,
 * or the database refusing that content as a data or integrity error) is narrowed down to one
 * event and isolated as an {@link Reason.Pipeline#INTERNAL_ERROR} exception, which is itself retried later.
 */
public final class Failures {

    /** Applying one event alone fails this often, for a reason of its own, before it is isolated. */
    public static final int ATTEMPTS_BEFORE_ISOLATING = 2;

    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long LONGEST_BACKOFF_MILLIS = 5_000;

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
     * Whether running the same work again later is expected to succeed, because what failed is the
     * machinery and not the events: the JVM (out of memory, stack), or storage in any way other than
     * refusing the content itself. A database that is down, restarting, out of connections or
     * disk, shutting down, in a conflict with a concurrent transaction, or missing its schema
     * fails whatever the events are. The SQL state decides where there is one (PostgreSQL and H2
     * both follow SQL's classes): class 22 (data exception) and 23 (integrity violation, except a
     * unique key another transaction inserted first) are the content's.
     */
    public static boolean isMachinery(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                return !refusesContent(sql.getSQLState());
            }
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransactionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return isStorage(ex);
    }

    private static boolean refusesContent(String sqlState) {
        String sqlClass = sqlState.substring(0, 2);
        return sqlClass.equals("22") || sqlClass.equals("23") && !sqlState.equals("23505");
    }

    /** How long to wait before the {@code failures}-th consecutive retry of a machinery failure. */
    public static long backoffMillis(int failures) {
        long millis = FIRST_BACKOFF_MILLIS << Math.min(Math.max(failures - 1, 0), 10);
        return Math.min(LONGEST_BACKOFF_MILLIS, millis);
    }

    public static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
