/**
 * Master data as the accounting core sees it: plants, locations, items with their standard cost,
 * bills of material, work centres, suppliers, customers, purchase and sales orders, and the
 * {@link io.millrace.accounting.master.MasterData} port through which the core looks them up.
 */
package io.millrace.accounting.master;
