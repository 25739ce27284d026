package io.millrace.ledger;

import io.millrace.testing.TestDatabase;

class PostgresPersistedRunIT extends PersistedRunContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
