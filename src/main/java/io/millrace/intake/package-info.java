/**
 * Governed event intake over HTTP: {@code POST /api/v1/events} in CloudEvents structured, binary
 * and batch mode, bounded in size, validated against the event catalog, checked against the
 * producer's scope and appended durably to the event log before the 202 with receipts goes out;
 * plus reading an accepted event by tracking id and the pipeline backlog.
 */
package io.millrace.intake;
