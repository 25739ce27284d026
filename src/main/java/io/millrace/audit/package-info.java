/**
 * The tamper-evident audit log of every admin and operator action: who did what to which
 * subject, with its state before and after. Records are append-only and hash-chained (each holds
 * the hash of the one before it), so a changed or deleted record is found by
 * {@code GET /api/v1/audit/verify}. Other modules record through the {@link io.millrace.audit.AuditTrail} port.
 */
package io.millrace.audit;
