/**
 * The processing pipeline: a background applier that takes accepted events from the event log in
 * acceptance order (the whole log, lanes by plant within the instance, or the events topic's
 * partitions shared with other instances) and applies them through the accounting core in micro-batches, one database
 * transaction per batch holding the postings, the events' new states, their lineage, their
 * outbound messages and the applier's cursor. It parks events that wait for something (ADR 0004),
 * retries them when what they wait for changes, keeps the exception queue with its operator
 * decisions, and answers the lineage of every event.
 */
package io.millrace.pipeline;
