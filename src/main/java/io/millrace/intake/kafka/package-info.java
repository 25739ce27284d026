/**
 * Kafka ingress: CloudEvents published to the inbound topic (Kafka binding, structured or binary
 * mode) are validated and authorised exactly like {@code POST /api/v1/events}, through the same
 * {@link io.millrace.intake.EventIntake}, with producer identities configured under
 * {@code millrace.kafka.producers}; refused records go to the rejected topic with the problem
 * JSON. Active only with {@code millrace.kafka.bootstrap}.
 */
package io.millrace.intake.kafka;
