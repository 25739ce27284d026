/**
 * The canonical manufacturing events of version 1 as typed records: one record per CloudEvents
 * type of events.md, whose component names are exactly the JSON {@code data} field names, the
 * sealed {@link io.millrace.accounting.event.ManufacturingEvent} over them, the
 * {@link io.millrace.accounting.event.EventTypes} registry from type string to record class, and
 * the {@link io.millrace.accounting.event.EventContext} envelope the hub hands to the core.
 */
package io.millrace.accounting.event;
