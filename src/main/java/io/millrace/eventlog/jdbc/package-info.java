/**
 * The JDBC adapter of the event log, for H2 and PostgreSQL alike: one batched insert per append,
 * one query to find the batch's earlier occurrences, positions assigned under a lock on the head
 * row so that they follow commit order.
 */
package io.millrace.eventlog.jdbc;
