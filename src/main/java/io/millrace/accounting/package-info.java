/**
 * The manufacturing accounting core: plain Java, no framework, storage or JSON library.
 * Sub-packages: {@code event} (typed v1 events), {@code ledger} (journal entries, accounts),
 * {@code books} (the state port and its in-memory implementation), {@code posting} (the posting
 * engine and one rule per event type) and {@code master} (master data). {@link
 * io.millrace.accounting.Invariants} checks the invariants of postings.md over any books.
 */
package io.millrace.accounting;
