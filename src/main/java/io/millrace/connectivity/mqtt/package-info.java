/**
 * The MQTT channel: subscribes with QoS 1 and a persistent session to every MQTT binding's topic
 * and to CloudEvents on {@code millrace/events/#}, acknowledges a message only after its events are
 * durably accepted or its refusal is published to {@code millrace/rejected/<binding>}; and the
 * embedded broker the demo runs when no broker is given.
 */
package io.millrace.connectivity.mqtt;
