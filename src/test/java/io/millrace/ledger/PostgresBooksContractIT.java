package io.millrace.ledger;

import io.millrace.testing.TestDatabase;

class PostgresBooksContractIT extends JdbcBooksContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
