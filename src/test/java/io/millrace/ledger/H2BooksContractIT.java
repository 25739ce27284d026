package io.millrace.ledger;

import io.millrace.testing.TestDatabase;

class H2BooksContractIT extends JdbcBooksContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
