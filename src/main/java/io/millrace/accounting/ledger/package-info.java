/**
 * The general ledger: immutable, always balanced {@link io.millrace.accounting.ledger.JournalEntry}
 * values with dimensioned lines, the default chart of accounts, configurable
 * {@link io.millrace.accounting.ledger.AccountDetermination}, the rounding rules for amounts and
 * quantities, and trial balances.
 */
package io.millrace.accounting.ledger;
