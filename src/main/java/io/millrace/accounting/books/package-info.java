/**
 * The books: the state port of the accounting core. {@link io.millrace.accounting.books.Books}
 * groups small repositories (journal entries, inventory balances, production orders, purchase
 * and sales order line progress, receipt lots, accounting periods) that are read by key and
 * written explicitly, so that an adapter can run one event's reads and writes in one
 * transaction. {@link io.millrace.accounting.books.InMemoryBooks} is the complete in-memory
 * implementation.
 */
package io.millrace.accounting.books;
