/**
 * The transactional outbox and its delivery to webhook subscribers. The posting pipeline
 * {@linkplain io.millrace.outbox.Outbox#enqueue enqueues} outbound events (journal posted,
 * invoice issued, variance settled, exception raised and resolved) inside its own transaction,
 * each with the next delivery position, in commit order; a dispatcher on its own threads delivers
 * the committed messages to every
 * subscriber in order as CloudEvents, with retries, exponential backoff, a circuit breaker per
 * subscriber, durable progress and a lease so that one hub instance delivers a subscriber at a
 * time.
 */
package io.millrace.outbox;
