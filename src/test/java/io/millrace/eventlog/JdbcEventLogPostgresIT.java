package io.millrace.eventlog;

import io.millrace.eventlog.jdbc.JdbcEventLog;
import io.millrace.testing.TestDatabase;
import java.time.Clock;

class JdbcEventLogPostgresIT extends EventLogContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.create(TestDatabase.Kind.POSTGRES);
    }

    @Override
    protected EventLog newLog(TestDatabase database, Clock clock) {
        return new JdbcEventLog(database.dataSource(), clock);
    }
}
