/**
 * The ledger module: persistence of the accounting core's books on H2 and PostgreSQL (a
 * {@link io.millrace.ledger.UnitOfWork} per transaction that reads through, caches, locks and
 * writes in JDBC batches), the Spring wiring of the posting engine, and the read APIs of the
 * general ledger and the inventory sub-ledger: trial balance, journal, inventory,
 * reconciliation and period close.
 */
package io.millrace.ledger;
