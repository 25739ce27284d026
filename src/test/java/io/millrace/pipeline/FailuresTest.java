package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.eventlog.EventLogFailure;
import io.millrace.ledger.BooksStorageException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures of an applying transaction are the machinery's (retried for ever) and which follow the events. */
class FailuresTest {

    @Test
    void aDatabaseThatRestartsOrIsUnreachableIsTheMachineryWhateverItsSqlState() {
        assertThat(Failures.isMachinery(new BooksStorageException("insert journal lines",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(Failures.isMachinery(new EventLogFailure("could not move events",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(Failures.isMachinery(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
        assertThat(Failures.isMachinery(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(Failures.isMachinery(new BooksStorageException("read stock",
                new SQLException("Database is already closed", "90098")))).isTrue();
        assertThat(Failures.isMachinery(new BooksStorageException("read stock",
                new SQLException("could not extend file: No space left on device", "53100")))).isTrue();
        assertThat(Failures.isMachinery(new BooksStorageException("read stock",
                new SQLException("relation \"ledger_stock_balance\" does not exist", "42P01")))).isTrue();
    }

    @Test
    void conflictsWithConcurrentTransactionsAreTheMachinery() {
        assertThat(Failures.isMachinery(new BooksStorageException("update stock",
                new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(Failures.isMachinery(new BooksStorageException("insert stock",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isTrue();
    }

    @Test
    void theJvmRunningOutOfMemoryIsTheMachinery() {
        assertThat(Failures.isMachinery(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(Failures.isMachinery(new IllegalStateException("wrapped", new OutOfMemoryError()))).isTrue();
    }

    @Test
    void theDatabaseRefusingAnEventsContentAndABugOnItFollowTheEvent() {
        assertThat(Failures.isMachinery(new BooksStorageException("insert journal line",
                new SQLException("numeric field overflow", "22003")))).isFalse();
        assertThat(Failures.isMachinery(new BooksStorageException("insert journal line",
                new SQLException("null value in column \"account\" violates not-null constraint", "23502")))).isFalse();
        assertThat(Failures.isMachinery(new IllegalStateException("no standard cost for item RM-1"))).isFalse();
        assertThat(Failures.isMachinery(new NullPointerException())).isFalse();
    }

    @Test
    void theBackOffDoublesFromFiftyMillisecondsUpToFiveSeconds() {
        assertThat(Failures.backoffMillis(1)).isEqualTo(50);
        assertThat(Failures.backoffMillis(2)).isEqualTo(100);
        assertThat(Failures.backoffMillis(7)).isEqualTo(3_200);
        assertThat(Failures.backoffMillis(8)).isEqualTo(5_000);
        assertThat(Failures.backoffMillis(1_000)).isEqualTo(5_000);
    }
}
