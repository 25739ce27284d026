/**
 * Plant connectivity: bindings say where a plant's own messages come from (MQTT topics, inbox
 * folders, HTTP), how to read them (JSON, CSV rows, XML documents) and how a JSONata mapping turns
 * them into canonical events. Every channel hands the mapped events to one entry point,
 * {@link io.millrace.connectivity.BindingIntake}, which converts units and passes them through the
 * same intake as {@code POST /api/v1/events} (catalog, scope, idempotency, event log) with the
 * binding, its version and the raw message as lineage.
 */
package io.millrace.connectivity;
