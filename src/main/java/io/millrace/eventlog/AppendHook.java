package io.millrace.eventlog;

import java.util.List;

/**
 * Runs inside an append's database transaction, after the new events are written and before the
 * commit. If it throws, the transaction rolls back and nothing of the batch is appended, so a
 * replica (such as a Kafka topic) that must hold every accepted event is written before the
 * producer is told that its events were accepted.
 */
@FunctionalInterface
public interface AppendHook {

    AppendHook NONE = appended -> { };

    /** {@code appended}: the events this append adds (not its duplicates), in position order. */
    void beforeCommit(List<LoggedEvent> appended);
}
