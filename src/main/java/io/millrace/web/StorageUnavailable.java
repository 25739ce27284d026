package io.millrace.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a request that failed because the database could not be reached (down, restarting,
 * refusing connections, out of connections). Such a request succeeds when the database is back,
 * and sending it again is safe (intake answers an event it already took as a duplicate; the
 * connection may have broken after a commit), so it is answered {@code 503 Service Unavailable}
 * with {@code Retry-After}, telling producers to send it again, rather than 500.
 */
public final class StorageUnavailable {

    /** Seconds a client waits before sending again; a restarting database is usually back by then. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String DETAIL = "The hub cannot reach its database just now. Send the request again "
            + "after the Retry-After interval; an event the hub took before the failure is answered as a duplicate.";

    private StorageUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && unreachable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connection exceptions (class 08), the server shutting down or not accepting connections yet
     * (57P01-57P03), too many connections (53300), and H2's closed database (90098) and connection
     * broken (90067).
     */
    private static boolean unreachable(String state) {
        return state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")
                || state.equals("90098") || state.equals("90067");
    }
}
