/**
 * Corrections finance can trust, at the edge of the hub: reversing a posted event on an
 * operator's request, the readiness of a period to close, shadow-ledger replays of the event log
 * with proposed master data, and re-delivery of outbound events to one subscriber. The rules
 * themselves are in the accounting core; every request carries its actor and reason.
 */
package io.millrace.corrections;
