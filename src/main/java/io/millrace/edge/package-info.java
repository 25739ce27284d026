/**
 * The plant edge agent ({@code millrace edge}): the hub's intake running at a plant, validated
 * against the hub's catalog (fetched and cached; the shipped one until the hub was ever reached),
 * on its own embedded event log, with a forwarder that sends accepted events to the hub in
 * acceptance order, in batches, exactly once, so that a plant keeps working while the hub or the
 * network is down. Events the hub refuses for good are kept and listed, never dropped.
 */
package io.millrace.edge;
