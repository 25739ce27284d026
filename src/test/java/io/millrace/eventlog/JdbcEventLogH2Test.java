package io.millrace.eventlog;

import io.millrace.eventlog.jdbc.JdbcEventLog;
import io.millrace.testing.TestDatabase;
import java.time.Clock;

class JdbcEventLogH2Test extends EventLogContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Kind.H2);
    }

    @Override
    protected EventLog newLog(TestDatabase database, Clock clock) {
        return new JdbcEventLog(database.dataSource(), clock);
    }
}
