/**
 * The ERP as system of record: reference data and released production orders come from the
 * company's ERP, and every journal entry is delivered into the ERP's general ledger as a posted
 * move, in order, exactly once, through the {@link io.millrace.erp.Erp} port. Adapters: in memory
 * ({@link io.millrace.erp.InMemoryErp}) and Tryton 6.0 over JSON-RPC ({@code io.millrace.erp.tryton}).
 */
package io.millrace.erp;
