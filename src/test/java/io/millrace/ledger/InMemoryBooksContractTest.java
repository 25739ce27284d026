package io.millrace.ledger;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.InMemoryBooks;

/** The core's in-memory books keep the same contract as the persisted ones. */
class InMemoryBooksContractTest extends BooksContract {

    private final InMemoryBooks books = new InMemoryBooks();

    @Override
    protected Books books() {
        return books;
    }

    @Override
    protected void commit() {
        // in memory every write is visible at once
    }
}
