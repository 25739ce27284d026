/**
 * The Kafka adapter of the event log and the hub's Kafka settings and clients: every accepted
 * event is produced (acks=all, idempotent) to a topic partitioned by plant before the
 * append commits and the producer gets its receipt; idempotency, tracking ids, positions and
 * processing states stay in the shared database, so that several hub instances keep the
 * guarantees of one. Active only with {@code millrace.kafka.bootstrap}. See ADR 0005.
 */
package io.millrace.eventlog.kafka;
