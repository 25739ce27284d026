/** Tests of the hub with Kafka as its backbone: ingress, outbound relay, several instances. */
package io.millrace.kafka;
