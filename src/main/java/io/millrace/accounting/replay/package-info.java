/**
 * The shadow ledger: accepted events run again through the posting engine into scratch books,
 * with proposed master data (new standard costs, changed bills of material), and the difference
 * to the real ledger per plant, account and order. Plain Java; the real books are never touched.
 */
package io.millrace.accounting.replay;
