/**
 * The event log: every accepted event, durably, in acceptance order. The {@link
 * io.millrace.eventlog.EventLog} port appends batches atomically with idempotency on
 * {@code (source, id)} (a resend with identical content is a duplicate answered with the original
 * tracking id; different content is a conflict naming the differing fields), finds events by
 * tracking id and lets the processing pipeline read the log from a position. Adapters: JDBC
 * (H2, PostgreSQL) in {@code jdbc}; the port holds no SQL so that a Kafka adapter can implement it.
 */
package io.millrace.eventlog;
