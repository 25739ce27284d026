/**
 * Governed event intake over HTTP: {@code POST /api/v1/events} in CloudEvents structured, binary
 * and batch mode, bounded in size, validated against the event catalog, checked against the
 * producer's scope and appended durably to the event log before the 202 with receipts goes out.
 * Intake only writes: reading an event back and the backlog are event tracking's
 * ({@code io.millrace.tracking}).
 */
package io.millrace.intake;
