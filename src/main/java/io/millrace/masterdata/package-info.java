/**
 * Master data the events refer to: plants, locations, items, bills of material, work centres,
 * suppliers, customers, purchase and sales orders. Loaded by admins through a validated,
 * all-or-nothing, idempotent bulk upsert (JSON or CSV), stored in the database, and served to
 * the posting pipeline through {@link io.millrace.accounting.master.MasterData} from an
 * in-memory snapshot. After a change it publishes {@link io.millrace.masterdata.MasterDataChanged}
 * so that events waiting for master data are retried. Whether an item still has stock (which
 * freezes its standard cost) is asked through the {@link io.millrace.masterdata.StockPresence}
 * port that the ledger module implements.
 *
 * <p>A request is checked whole: first every field of every record (with the pointer of the
 * field, and the CSV line for imports), then, for the records whose fields are right, the rules
 * that span records (unique codes, references, BOM cycles, frozen valuation of items with stock).
 */
package io.millrace.masterdata;
