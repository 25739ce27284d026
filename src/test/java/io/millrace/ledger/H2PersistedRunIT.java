package io.millrace.ledger;

import io.millrace.testing.TestDatabase;

class H2PersistedRunIT extends PersistedRunContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
